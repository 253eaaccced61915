using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Holler.Web.Access;

/// <summary>
/// Sign-in through an OpenID Connect provider: the authorization-code flow with PKCE, the provider's claims read from
/// its user-info endpoint, and the user's role taken from <see cref="OidcSettings.RoleClaim"/> (mapped through
/// <see cref="OidcSettings.RoleMap"/>). The session is Holler's own cookie with the same claims a password user gets;
/// a user the provider gives no Holler role is not let in.
/// </summary>
public static class OidcSetup
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;

    public static AuthenticationBuilder AddHollerOidc(this AuthenticationBuilder authentication, OidcSettings settings) =>
        authentication.AddOpenIdConnect(Scheme, o =>
        {
            o.SignInScheme = AccessSetup.CookieScheme;
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret.Length == 0 ? null : settings.ClientSecret;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.ResponseType = "code";
            // The answer comes back as a top-level GET, which Lax cookies (correlation, nonce, session) accompany; the
            // default form_post is a cross-site POST that they would not.
            o.ResponseMode = "query";
            o.UsePkce = true;
            o.SaveTokens = false;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = true;
            o.Scope.Clear();
            foreach (var scope in settings.Scopes) o.Scope.Add(scope);
            o.ClaimActions.MapJsonKey(settings.RoleClaim, settings.RoleClaim);
            o.ClaimActions.MapJsonKey(settings.BusinessClaim, settings.BusinessClaim);
            o.ClaimActions.MapJsonKey("preferred_username", "preferred_username");
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            o.Events.OnTicketReceived = context =>
            {
                var log = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Holler.Access.Oidc");
                var provider = context.Principal!;
                var name = First(provider, "preferred_username", "email", "name", "sub") ?? "?";
                var role = RoleOf(provider, settings);
                if (role is null)
                {
                    log.LogWarning("Refused OpenID Connect sign-in of {User}: no Holler role in claim {Claim}", name, settings.RoleClaim);
                    context.HandleResponse();
                    context.Response.Redirect($"{AccessSetup.SignInPath}?error=no-role");
                    return Task.CompletedTask;
                }
                var businesses = provider.FindAll(settings.BusinessClaim)
                    .SelectMany(c => c.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                context.Principal = HollerPrincipal.Create(name, role, businesses, "oidc", AccessSetup.CookieScheme);
                return Task.CompletedTask;
            };
            o.Events.OnRemoteFailure = context =>
            {
                var log = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Holler.Access.Oidc");
                log.LogWarning("OpenID Connect sign-in failed: {Reason}", context.Failure?.Message);
                context.HandleResponse();
                context.Response.Redirect($"{AccessSetup.SignInPath}?error=provider");
                return Task.CompletedTask;
            };
        });

    /// <summary>The widest Holler role among the provider's role claim values, each mapped or taken as it is.</summary>
    public static string? RoleOf(ClaimsPrincipal provider, OidcSettings settings)
    {
        var roles = provider.FindAll(settings.RoleClaim)
            .SelectMany(c => c.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => settings.RoleMap.TryGetValue(v, out var mapped) ? mapped : HollerRoles.Parse(v))
            .OfType<string>()
            .ToHashSet();
        return new[] { HollerRoles.Operator, HollerRoles.Analyst, HollerRoles.Viewer, HollerRoles.Business }.FirstOrDefault(roles.Contains);
    }

    private static string? First(ClaimsPrincipal user, params string[] types) =>
        types.Select(t => user.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
