using Holler.Tests.Support;
using Microsoft.Playwright;

namespace Holler.Tests.Web;

/// <summary>
/// Dead letters in a real browser (Debian's headless chromium via Playwright): a notification the receiver refused shows
/// on /alerts/dead-letters with its reason; a viewer gets no re-drive button and cannot re-drive another way; an analyst
/// re-drives it from the page once the receiver answers, and it arrives again with its original Idempotency-Key.
/// </summary>
public sealed class DeadLettersBrowserTests(DeadLettersNodeFixture dev, ITestOutputHelper output) : IClassFixture<DeadLettersNodeFixture>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(60);

    private string Url(string path) => new Uri(dev.Dashboard, path).ToString();

    private async Task<IPage> SignedInAsync(DebianChromium chromium, string name)
    {
        var page = await chromium.Context.NewPageAsync();
        await page.GotoAsync(Url("/signin"));
        await page.Locator("[data-testid=signin-name]").FillAsync(name);
        await page.Locator("[data-testid=signin-password]").FillAsync(DeadLettersNodeFixture.Password);
        await page.Locator("[data-testid=signin-submit]").ClickAsync();
        await page.Locator("[data-testid=user-name]").WaitForAsync(new() { Timeout = (float)Soon.TotalMilliseconds });
        return page;
    }

    [Fact]
    public async Task A_refused_notification_shows_with_its_reason_a_viewer_cannot_redrive_it_and_an_analyst_redrives_it_from_the_page()
    {
        await dev.SurgeAsync(11);
        await Eventually.Until(() => Task.FromResult(dev.Receiver.Arrived), n => n > 0, Soon, _ => "no attempt reached the receiver");
        var key = dev.Receiver.Requests[0].Key!;

        // The viewer sees the dead letter and its reason, and no re-drive button.
        await using (var viewerBrowser = await DebianChromium.LaunchAsync())
        {
            var viewer = await SignedInAsync(viewerBrowser, "viewer");
            await viewer.GotoAsync(Url("/alerts/dead-letters"));
            var row = viewer.Locator($"[data-testid=dead-letter-row][data-key='{key}']");
            // Dead-lettered just after the refused attempt: look again until it is listed.
            await Eventually.Until(async () =>
            {
                await viewer.ReloadAsync();
                await viewer.Locator("[data-testid=dead-letters-empty], [data-testid=dead-letter-row]").First.WaitForAsync();
                return await row.CountAsync();
            }, n => n > 0, Soon, _ => "the dead letter is not listed");
            await Assertions.Expect(row.Locator("[data-testid=dead-letter-reason]")).ToContainTextAsync("HTTP 410");
            Assert.Empty(await viewer.Locator("[data-testid=redrive]").AllAsync());
            Assert.Empty(await viewer.Locator("[data-testid=redrive-all]").AllAsync());
            await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, "dead-letters-viewer.png"), FullPage = true });

            // Nor another way: the dashboard serves no operator API (its session is no operator token), and the operator
            // endpoint refuses a re-drive without the token.
            var id = await row.GetAttributeAsync("data-id");
            var viaDashboard = await viewer.APIRequest.PostAsync(Url($"/api/alerts/dead-letters/{id}/redrive"), new() { DataObject = new { } });
            Assert.Equal(404, viaDashboard.Status);
            var viaOperator = await viewer.APIRequest.PostAsync(new Uri(dev.Node.Endpoints.OperatorUrl, $"/api/alerts/dead-letters/{id}/redrive").ToString(),
                new() { DataObject = new { } });
            Assert.Equal(401, viaOperator.Status);
            Assert.Equal(1, dev.Receiver.Arrived);
        }

        // The analyst re-drives it from the page once the receiver answers.
        dev.Receiver.Status = 200;
        await using var analystBrowser = await DebianChromium.LaunchAsync();
        var analyst = await SignedInAsync(analystBrowser, "analyst");
        await analyst.GotoAsync(Url("/alerts"));
        await analyst.Locator("[data-testid=dead-letters-link]").ClickAsync();
        var mine = analyst.Locator($"[data-testid=dead-letter-row][data-key='{key}']");
        await mine.WaitForAsync(new() { Timeout = (float)Soon.TotalMilliseconds });
        // On a phone the row is a card, with its re-drive button, and nothing scrolls sideways.
        await analyst.SetViewportSizeAsync(390, 844);
        var widths = await Eventually.Until(
            () => analyst.EvaluateAsync<int[]>("() => new Promise(r => requestAnimationFrame(() => r([document.documentElement.scrollWidth, window.innerWidth])))"),
            m => m[0] <= m[1], TimeSpan.FromSeconds(10), m => $"document {m[0]} px wide in a {m[1]} px viewport");
        Assert.Equal(390, widths[1]);
        await analyst.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, "phone-dead-letters.png"), FullPage = true });
        await mine.Locator("[data-testid=redrive]").ClickAsync();
        await Assertions.Expect(analyst.Locator("[data-testid=dead-letter-message]")).ToContainTextAsync("Re-driven: 1");
        await Assertions.Expect(mine).ToHaveCountAsync(0);

        var again = await Eventually.Until(() => Task.FromResult(dev.Receiver.Requests.Skip(1).ToList()), r => r.Count > 0, Soon,
            _ => "the re-driven notification did not arrive");
        var request = Assert.Single(again);
        Assert.Equal((key, 200), (request.Key, request.Status));
        Assert.True(request.SignatureValid, "the re-driven request's Holler-Signature verifies");
        await analyst.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, "dead-letters-analyst.png"), FullPage = true });
        output.WriteLine($"re-driven {key}");
    }
}
