using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Holler.Web.Access;

/// <summary>
/// Who may use the dashboard, wired into ASP.NET Core: cookie sessions after a password or OpenID Connect sign-in (or
/// the local scheme when sign-in is off), the role policies, the sign-in and sign-out endpoints, security headers, and
/// no circuit without a signed-in user. See docs/access.md.
/// </summary>
public static class AccessSetup
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string LocalScheme = "holler-local";
    public const string SignInPath = "/signin";
    public const string SignInPostPath = "/account/signin";
    public const string SignOutPath = "/account/signout";
    public const string OidcPath = "/account/oidc";

    public static IServiceCollection AddHollerAccess(this IServiceCollection services, WebAccessSettings settings)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new WebAccess(settings));
        services.AddSingleton<SignInLockout>();
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton<IAuthorizationHandler, BusinessPageHandler>();
        services.AddCascadingAuthenticationState();

        if (!settings.SignInRequired)
        {
            services.AddAuthentication(LocalScheme).AddScheme<AuthenticationSchemeOptions, LocalAccessHandler>(LocalScheme, null);
        }
        else
        {
            var authentication = services.AddAuthentication(CookieScheme).AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "holler.session";
                o.Cookie.HttpOnly = true;
                // Lax, not Strict: the OpenID provider's redirect back is a cross-site navigation, and under Strict the
                // page it lands on would not see the session just set.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = settings.SessionLifetime;
                o.SlidingExpiration = true;
                o.LoginPath = SignInPath;
                o.LogoutPath = SignOutPath;
                o.Events.OnRedirectToLogin = context =>
                {
                    // Only a page visit is sent to the sign-in page; the circuit and scripts get a plain 401.
                    if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/_blazor"))
                        context.Response.Redirect(context.RedirectUri);
                    else context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    return context.Response.WriteAsync("403: this page is not open to your user.");
                };
                o.Events.OnValidatePrincipal = ValidateBuiltInUserAsync;
            });
            if (settings.Oidc is { } oidc) authentication.AddHollerOidc(oidc);
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(HollerPolicies.Dashboard, p => p.RequireClaim(HollerClaims.Role, HollerRoles.Viewer, HollerRoles.Business))
            .AddPolicy(HollerPolicies.Analyst, p => p.RequireClaim(HollerClaims.Role, HollerRoles.Analyst))
            .AddPolicy(HollerPolicies.Operator, p => p.RequireClaim(HollerClaims.Role, HollerRoles.Operator))
            .AddPolicy(HollerPolicies.BusinessPage, p => p
                .RequireClaim(HollerClaims.Role, HollerRoles.Viewer, HollerRoles.Business)
                .AddRequirements(new BusinessPageRequirement()));
        return services;
    }

    /// <summary>A session of a built-in user ends when the user is removed from the settings or their role or
    /// businesses change: the settings file is re-read without a restart, and a session must not outlive its user.</summary>
    private static async Task ValidateBuiltInUserAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } user) return;
        var access = context.HttpContext.RequestServices.GetRequiredService<WebAccess>().Current;
        if (StillValid(user, access)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieScheme);
    }

    /// <summary>False when a built-in user's session no longer matches the settings: the user is gone, or their role or
    /// businesses changed. Sessions from the provider or the local scheme are not the settings' to end.</summary>
    public static bool StillValid(System.Security.Claims.ClaimsPrincipal user, WebAccessSettings access)
    {
        if (user.FindFirst(HollerClaims.Method)?.Value != "password") return true;
        var name = user.FindFirst(HollerClaims.Name)?.Value ?? "";
        return access.Users.TryGetValue(name, out var current) && HollerPrincipal.RoleOf(user) == current.Role
            && (current.Role != HollerRoles.Business
                || user.FindAll(HollerClaims.Business).Select(c => c.Value).ToHashSet().SetEquals(current.Businesses));
    }

    /// <summary>Headers, authentication, authorization, and no circuit without a user; after UseRouting.</summary>
    public static WebApplication UseHollerAccess(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                SecurityHeaders.Apply(context);
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(async (context, next) =>
        {
            // The circuit's hub: pages are authorized per route, but a circuit is where a page's data flows.
            if (context.Request.Path.StartsWithSegments("/_blazor") && context.User.Identity?.IsAuthenticated != true)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            await next(context);
        });
        return app;
    }

    public static WebApplication MapHollerAccess(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<WebAccess>();
        app.MapPost(SignInPostPath, ([FromForm] SignInForm form, HttpContext context, PasswordSignIn check) =>
            SignInAsync(form, context, check)).AllowAnonymous();
        // Bound as a form, so the framework checks its anti-forgery token as it does signing in.
        app.MapPost(SignOutPath, async (IFormCollection _, HttpContext context) =>
        {
            if (settings.SignInRequired) await context.SignOutAsync(CookieScheme);
            return Results.LocalRedirect(SignInPath);
        }).AllowAnonymous();
        if (settings.Current.Oidc is not null)
            app.MapGet(OidcPath, (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) }, [OidcSetup.Scheme])).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> SignInAsync(SignInForm form, HttpContext context, PasswordSignIn check)
    {
        var returnUrl = LocalOnly(form.ReturnUrl);
        var result = check.Check(form.Name, form.Password, context.Connection.RemoteIpAddress?.ToString());
        if (result.Principal is null)
        {
            var error = result.LockedOut ? "locked" : "refused";
            return Results.Redirect($"{SignInPath}?error={error}&ReturnUrl={Uri.EscapeDataString(returnUrl)}", preserveMethod: false);
        }
        await context.SignInAsync(CookieScheme, result.Principal);
        return Results.LocalRedirect(returnUrl);
    }

    /// <summary>Where to go after signing in: a path on this site, never another site (an open redirect).</summary>
    public static string LocalOnly(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}

/// <summary>The sign-in form's fields (the anti-forgery token is checked by the framework).</summary>
public sealed class SignInForm
{
    public string? Name { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
}
