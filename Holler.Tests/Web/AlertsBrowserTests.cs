using System.Text.Json;
using Holler.Tests.Support;
using Microsoft.Playwright;

namespace Holler.Tests.Web;

/// <summary>
/// Alerts end to end in a real browser (Debian's headless chromium via Playwright): a rule created with the dashboard's
/// rule editor fires on a surge the generator injects, its signed notification reaches the test's webhook receiver,
/// and the alert shows on the alerts page.
/// </summary>
public sealed class AlertsBrowserTests(AlertingDevNodeFixture dev, ITestOutputHelper output) : IClassFixture<AlertingDevNodeFixture>
{
    // Generous: these wait for things to happen at all on a shared 2-core machine; how fast is not the point here.
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SurgeNotified = TimeSpan.FromSeconds(180);

    private string Url(string path) => new Uri(dev.Dashboard, path).ToString();

    /// <summary>The element carrying the test id, or the input inside it (MudBlazor puts attributes on either).</summary>
    private static ILocator Input(IPage page, string selector) => page.Locator($"input{selector}, {selector} input").First;

    [Fact]
    public async Task A_rule_created_in_the_dashboard_fires_its_notification_to_the_receiver_and_the_alert_shows_on_the_alerts_page()
    {
        await using var chromium = await DebianChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) errors.Add(m.Text);
        };

        // From the alerts page, the local operator follows the link to the editor.
        await page.GotoAsync(Url("/alerts"));
        await page.Locator("[data-testid=connection][data-state=Live]").WaitForAsync(new() { Timeout = (float)Soon.TotalMilliseconds });
        await page.Locator("[data-testid=edit-rules]").ClickAsync();
        await page.Locator("[data-testid=alert-rules]").WaitForAsync(new() { Timeout = (float)Soon.TotalMilliseconds });
        Assert.Empty(await page.Locator("[data-testid=rule-row]").AllAsync());

        // Creating without a channel is refused on the form, with the domain's reason.
        await Input(page, "[data-testid=rule-name]").FillAsync("Every surge");
        await page.Locator("[data-testid=rule-create]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=rule-errors]")).ToContainTextAsync("a rule needs at least one channel");

        var channel = Input(page, $"[data-testid=rule-channel][data-channel={AlertingDevNodeFixture.Channel}]");
        await channel.CheckAsync(new() { Force = true });
        await Assertions.Expect(channel).ToBeCheckedAsync();
        await page.Locator("[data-testid=rule-create]").ClickAsync();
        var row = page.Locator("[data-testid=rule-row][data-rule-id=every-surge]");
        await row.WaitForAsync(new() { Timeout = (float)Soon.TotalMilliseconds });
        Assert.Contains("hook", await row.InnerTextAsync());
        Assert.Empty(await page.Locator("[data-testid=rule-errors]").AllAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, "alert-rules.png"), FullPage = true });

        // The generator keeps injecting surges; the rule's firing notification reaches the receiver, signed.
        var firing = await Eventually.Until(
            () => Task.FromResult(dev.Receiver.Requests.Select(r => (Request: r, Json: JsonDocument.Parse(r.Body).RootElement))
                .FirstOrDefault(r => r.Json.GetProperty("rule").GetProperty("id").GetString() == "every-surge"
                                     && r.Json.GetProperty("transition").GetString() == "firing")),
            r => r.Request is not null, SurgeNotified,
            _ => $"{dev.Receiver.Arrived} requests at the receiver, none a firing of every-surge");
        Assert.True(firing.Request.SignatureValid, "the Holler-Signature verifies with the channel's secret");
        Assert.Equal(200, firing.Request.Status);
        var businesses = firing.Json.GetProperty("businesses").EnumerateArray().Select(b => b.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(businesses);
        output.WriteLine($"firing {firing.Json.GetProperty("id").GetString()} for {string.Join(", ", businesses)}");

        // The alerts page lists the notified business's alert under the rule.
        await page.Locator("[data-testid=back-to-alerts]").ClickAsync();
        var alert = page.Locator($"[data-testid=alert-row][data-rule-id=every-surge][data-business-id='{businesses[0]}']");
        await alert.First.WaitForAsync(new() { Timeout = (float)Soon.TotalMilliseconds });
        Assert.Contains(await alert.First.GetAttributeAsync("data-state"), new[] { "firing", "acknowledged", "resolved" });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, "alerts-page.png"), FullPage = true });
        Assert.Empty(errors);
    }
}
