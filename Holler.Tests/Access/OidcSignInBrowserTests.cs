using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Holler.Host.Node;
using Holler.Tests.Support;
using Holler.Tests.Web;
using Microsoft.Playwright;

namespace Holler.Tests.Access;

/// <summary>
/// OpenID Connect sign-in in a real browser against a real provider (oidc-provider, started by the test): the
/// provider's role claim, mapped through Web:Oidc:RoleMap, decides what the user may open; a user the provider gives no
/// Holler role is not let in.
/// </summary>
public sealed class OidcSignInBrowserTests : IAsyncLifetime
{
    private const string ClientId = "holler-dashboard";
    private const string ClientSecret = "a client secret for tests only";
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(60);

    private readonly TempDir _data = new();
    private OidcTestProvider _provider = null!;
    private HollerNode _node = null!;

    public async ValueTask InitializeAsync()
    {
        // The provider must know the dashboard's callback before the dashboard knows the provider: pick its port first.
        var port = FreePort();
        var redirect = new Uri($"http://127.0.0.1:{port}/signin-oidc");
        _provider = await OidcTestProvider.StartAsync(ClientId, ClientSecret, redirect, new Dictionary<string, (string[], string[])>
        {
            ["ana"] = (["staff", "Holler.Analysts"], []),
            ["nobody"] = (["staff"], []),
        });
        var config = TestNodes.Config("127.0.0.1:9", _data.Path, businesses: 20, o =>
        {
            o.Roles = "leaderboard,web";
            o.Web.Port = port;
            o.Web.Oidc.Authority = _provider.Issuer.ToString();
            o.Web.Oidc.ClientId = ClientId;
            o.Web.Oidc.ClientSecret = ClientSecret;
            o.Web.Oidc.RequireHttpsMetadata = false;
            o.Web.Oidc.DisplayName = "the test provider";
            o.Web.Oidc.RoleMap["Holler.Analysts"] = "analyst";
        });
        _node = await TestNodes.StartAsync(config);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string Url(string path) => new Uri(_node.Endpoints.DashboardUrl!, path).ToString();

    /// <summary>The provider's development login page, then its consent page.</summary>
    private static async Task SignInAtProviderAsync(IPage page, string login)
    {
        await page.Locator("input[name=login]").FillAsync(login);
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.Locator("button[type=submit]").ClickAsync();
        await page.Locator("button[type=submit]").Filter(new LocatorFilterOptions { HasText = "Continue" }).ClickAsync();
    }

    [Fact]
    public async Task A_user_signs_in_at_the_provider_and_gets_the_role_its_claim_maps_to()
    {
        await using var chromium = await DebianChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) problems.Add(m.Text); };

        await page.GotoAsync(Url("/alerts/rules"));
        Assert.Contains("/signin?ReturnUrl=%2Falerts%2Frules", page.Url);
        // Only the provider's button: there are no built-in users.
        Assert.Empty(await page.Locator("[data-testid=signin-form]").AllAsync());
        await page.Locator("[data-testid=signin-oidc]").ClickAsync();
        Assert.StartsWith(_provider.Issuer.ToString().TrimEnd('/'), page.Url);

        await SignInAtProviderAsync(page, "ana");

        // Back on the page first asked for, which only analysts may open.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/alerts/rules$"), new() { Timeout = (float)Soon.TotalMilliseconds });
        await page.Locator("[data-testid=alert-rules]").WaitForAsync();
        Assert.Equal("ana", (await page.InnerTextAsync("[data-testid=user-name]")).Trim());
        var session = (await chromium.Context.CookiesAsync()).Single(c => c.Name == "holler.session");
        Assert.True(session.HttpOnly);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, "access-oidc-signed-in.png"), FullPage = true });
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_user_without_a_Holler_role_at_the_provider_is_not_let_in()
    {
        await using var chromium = await DebianChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();

        await page.GotoAsync(Url("/"));
        await page.Locator("[data-testid=signin-oidc]").ClickAsync();
        await SignInAtProviderAsync(page, "nobody");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin\\?error=no-role$"), new() { Timeout = (float)Soon.TotalMilliseconds });
        Assert.Contains("no role in Holler", await page.InnerTextAsync("[data-testid=signin-error]"));
        Assert.DoesNotContain(await chromium.Context.CookiesAsync(), c => c.Name == "holler.session");
        await page.GotoAsync(Url("/"));
        Assert.Contains("/signin", page.Url);
    }

    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync();
        await _provider.DisposeAsync();
        _data.Dispose();
    }
}
