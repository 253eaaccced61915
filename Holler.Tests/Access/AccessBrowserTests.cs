using System.Text.RegularExpressions;
using Holler.Tests.Web;
using Holler.Web.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Holler.Tests.Access;

/// <summary>
/// Sign-in in a real browser (Debian's headless chromium via Playwright) against a node with built-in users: a
/// signed-out visitor is sent to sign in, wrong passwords are refused and then lock the user out, roles decide which
/// pages open, and a business user sees only their businesses. Every page is checked for security headers and for
/// content-security-policy violations in the console.
/// </summary>
public sealed class AccessBrowserTests(SignInNodeFixture node) : IClassFixture<SignInNodeFixture>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(60);

    private string Url(string path) => new Uri(node.Dashboard, path).ToString();

    /// <summary>A page that records CSP violations and script errors reported in its console.</summary>
    private static async Task<(IPage Page, List<string> Problems)> OpenAsync(DebianChromium chromium)
    {
        var page = await chromium.Context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error" || m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) problems.Add(m.Text);
        };
        page.PageError += (_, e) => problems.Add(e);
        return (page, problems);
    }

    private async Task SignInAsync(IPage page, string name, string password)
    {
        await page.Locator("[data-testid=signin-name]").FillAsync(name);
        await page.Locator("[data-testid=signin-password]").FillAsync(password);
        await page.Locator("[data-testid=signin-submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private async Task<IPage> SignedInAsync(DebianChromium chromium, string name)
    {
        var (page, _) = await OpenAsync(chromium);
        await page.GotoAsync(Url("/signin"));
        await SignInAsync(page, name, SignInNodeFixture.Password);
        await page.Locator("[data-testid=user-name]").WaitForAsync();
        return page;
    }

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_sign_in_and_comes_back_signed_in_with_secure_cookie_and_headers()
    {
        await using var chromium = await DebianChromium.LaunchAsync();
        var (page, problems) = await OpenAsync(chromium);

        var business = node.Node.Catalog[10].Id;
        var first = await page.GotoAsync(Url($"/business/{business}"));
        Assert.Matches(new Regex(@"/signin\?ReturnUrl=%2Fbusiness%2F"), page.Url);
        Assert.NotNull(first);
        var headers = await first.AllHeadersAsync();
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"]);
        Assert.Contains("script-src 'self';", headers["content-security-policy"]);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("same-origin", headers["referrer-policy"]);
        Assert.False(headers.ContainsKey("strict-transport-security"), "HSTS over plain http");
        // The page's circuit is refused without a session.
        var circuit = await page.APIRequest.PostAsync(Url("/_blazor/negotiate?negotiateVersion=1"));
        Assert.Equal(401, circuit.Status);

        // A sign-in posted without the form's anti-forgery token (from another site, say) is refused, right password or not.
        var forged = page.APIRequest.CreateFormData();
        forged.Set("Name", "viewer");
        forged.Set("Password", SignInNodeFixture.Password);
        var forgedAnswer = await page.APIRequest.PostAsync(Url("/account/signin"), new() { Form = forged, MaxRedirects = 0 });
        Assert.Equal(400, forgedAnswer.Status);
        Assert.DoesNotContain(await chromium.Context.CookiesAsync(), c => c.Name == "holler.session");

        await SignInAsync(page, "viewer", SignInNodeFixture.Password);

        // Back where the visit began, signed in, with the drill-down's charts (Plotly) drawn under the policy.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/business/{Regex.Escape(business)}$"), new() { Timeout = (float)Soon.TotalMilliseconds });
        await page.Locator("[data-testid=business-name]").WaitForAsync();
        await page.Locator("#chart-seconds .main-svg").First.WaitForAsync();
        Assert.Equal("viewer", (await page.InnerTextAsync("[data-testid=user-name]")).Trim());
        var session = (await chromium.Context.CookiesAsync()).Single(c => c.Name == "holler.session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, "access-signed-in.png"), FullPage = true });

        // Signing out ends the session: the dashboard asks for sign-in again.
        await page.Locator("[data-testid=sign-out]").ClickAsync();
        await page.Locator("[data-testid=signout-submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin$"), new() { Timeout = (float)Soon.TotalMilliseconds });
        await page.GotoAsync(Url("/"));
        Assert.Contains("/signin?ReturnUrl=%2F", page.Url);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_repeated_failures_lock_the_user_out()
    {
        await using var chromium = await DebianChromium.LaunchAsync();
        var (page, problems) = await OpenAsync(chromium);
        await page.GotoAsync(Url("/"));

        await SignInAsync(page, "wrongy", "not the password");
        Assert.Equal(PasswordSignIn.Refused, (await page.InnerTextAsync("[data-testid=signin-error]")).Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, "access-refused.png") });
        await page.GotoAsync(Url("/"));
        Assert.Contains("/signin", page.Url);

        for (var i = 0; i < SignInNodeFixture.MaxFailures - 1; i++)
        {
            await SignInAsync(page, "locky", "guess " + i);
            Assert.Equal(PasswordSignIn.Refused, (await page.InnerTextAsync("[data-testid=signin-error]")).Trim());
        }
        await SignInAsync(page, "locky", "last guess");
        Assert.Equal(PasswordSignIn.Locked, (await page.InnerTextAsync("[data-testid=signin-error]")).Trim());
        // Locked out: even the right password is refused now.
        await SignInAsync(page, "locky", SignInNodeFixture.Password);
        Assert.Equal(PasswordSignIn.Locked, (await page.InnerTextAsync("[data-testid=signin-error]")).Trim());
        Assert.DoesNotContain(await chromium.Context.CookiesAsync(), c => c.Name == "holler.session");
        // Another user is not locked out by it.
        await SignInAsync(page, "wrongy", SignInNodeFixture.Password);
        await page.Locator("[data-testid=user-name]").WaitForAsync();
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_viewer_cannot_open_the_rule_editor_and_an_analyst_can()
    {
        await using var chromium = await DebianChromium.LaunchAsync();
        var viewer = await SignedInAsync(chromium, "viewer");
        var refused = await viewer.GotoAsync(Url("/alerts/rules"));
        Assert.Equal(403, refused!.Status);
        Assert.Empty(await viewer.Locator("[data-testid=alert-rules]").AllAsync());
        // Nor by navigating inside the running app (no HTTP request for the page: the circuit's router decides).
        await viewer.GotoAsync(Url("/"));
        await viewer.Locator("[data-testid=connection]").WaitForAsync();
        await viewer.EvaluateAsync("() => Blazor.navigateTo('/alerts/rules')");
        await viewer.Locator("[data-testid=forbidden]").WaitForAsync();
        Assert.Empty(await viewer.Locator("[data-testid=alert-rules]").AllAsync());

        await using var other = await DebianChromium.LaunchAsync();
        var analyst = await SignedInAsync(other, "analyst");
        var allowed = await analyst.GotoAsync(Url("/alerts/rules"));
        Assert.Equal(200, allowed!.Status);
        await analyst.Locator("[data-testid=alert-rules]").WaitForAsync();
    }

    [Fact]
    public async Task A_user_removed_from_the_settings_loses_an_open_dashboard_without_reloading_it()
    {
        await using var chromium = await DebianChromium.LaunchAsync();
        var page = await SignedInAsync(chromium, "leaver");
        await page.Locator("[data-testid=connection]").WaitForAsync();

        // What the settings file's reload does (SettingsReload): the same settings without this user.
        var access = node.Node.Services.GetRequiredService<WebAccess>();
        access.Replace(access.Current with { Users = access.Current.Users.Where(u => u.Key != "leaver").ToDictionary() });

        // The open circuit re-checks its user (every 30 s) and sends the page to sign in; the session is gone too.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin\\?ReturnUrl="), new() { Timeout = 90_000 });
        await page.GotoAsync(Url("/"));
        Assert.Contains("/signin", page.Url);
    }

    [Fact]
    public async Task A_business_user_finds_only_their_businesses_and_another_business_URL_answers_403()
    {
        var (own, other) = (node.Node.Catalog[3], node.Node.Catalog[20]);
        await using var chromium = await DebianChromium.LaunchAsync();
        var page = await SignedInAsync(chromium, "owner");
        await page.Locator("[data-testid=connection]").WaitForAsync();

        // The search lists their own business by its name, and not another's by its name or its exact id.
        var search = page.Locator(".holler-search input");
        await search.FillAsync(own.Name);
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = own.Name }).First.WaitForAsync();
        await search.FillAsync(other.Name);
        await page.Locator(".mud-popover-open").GetByText("No business matches.").WaitForAsync();
        await search.FillAsync(other.Id);
        await page.Locator(".mud-popover-open").GetByText("No business matches.").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, "access-business-search.png") });

        var refused = await page.GotoAsync(Url($"/business/{other.Id}"));
        Assert.Equal(403, refused!.Status);
        Assert.DoesNotContain(other.Name, await page.ContentAsync());

        var allowed = await page.GotoAsync(Url($"/business/{own.Id}"));
        Assert.Equal(200, allowed!.Status);
        Assert.Equal(own.Name, (await page.InnerTextAsync("[data-testid=business-name]")).Trim());
    }
}
