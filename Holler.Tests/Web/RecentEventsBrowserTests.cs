using Confluent.Kafka;
using Holler.Tests.Support;
using Microsoft.Playwright;

namespace Holler.Tests.Web;

/// <summary>
/// The drill-down's recent events in a real browser against a dev node: events produced to its Kafka with known
/// platform, status and path appear in the list while the page is open (it refreshes on its own), the filters narrow
/// it, and at a phone's width the list does not make the page scroll sideways. Screenshots go to artifacts/screenshots/.
/// </summary>
[Collection(SharedDevNode.Name)]
public sealed class RecentEventsBrowserTests(DevNodeFixture dev)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(90);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task ProduceAsync(string id, params (string Platform, int Status, string Path)[] events)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = dev.Node.BootstrapServers }).Build();
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var (platform, status, path) in events)
            await producer.ProduceAsync("holler.traffic", new Message<string, string>
            {
                Key = id, Value = $$"""{"business_id":"{{id}}","ts":{{ts}},"platform":"{{platform}}","status":{{status}},"path":"{{path}}"}""",
            }, Ct);
    }

    private static Task<string[]> Column(IPage page, string cell) =>
        page.EvaluateAsync<string[]>("cell => [...document.querySelectorAll(`[data-testid=recent-events] [data-testid=${cell}]`)].map(c => c.textContent.trim())", cell);

    private static Task Choose(IPage page, string filter, string option) =>
        // Each option's text is unique among its filter's chips (no other platform contains "ios", no status "2xx").
        page.Locator($"[data-testid=recent-events] [data-testid={filter}] .mud-chip").Filter(new LocatorFilterOptions { HasText = option }).First.ClickAsync();

    [Fact]
    public async Task Events_produced_while_the_drill_down_is_open_appear_and_the_filters_narrow_them()
    {
        // Not in the catalog: its tracker must have seen it for the page to show it.
        var id = $"recent-{Guid.NewGuid():N}"[..18];
        // A 3xx from another platform, which none of the filters below lets through, whether or not it is kept (the
        // page's first look may come before it is applied).
        await ProduceAsync(id, ("other", 302, "/seen"));
        await using var chromium = await DebianChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(new Uri(dev.Dashboard, $"business/{id}").ToString());
        await Eventually.Until(async () =>
            {
                await page.ReloadAsync(); // until the first event has reached the tracker, the page says "Unknown business"
                return await page.Locator("[data-testid=business-stats]").CountAsync();
            }, n => n > 0, Soon, _ => "the drill-down never showed its recent events");
        await Assertions.Expect(page.Locator("[data-testid=recent-status]")).ToContainTextAsync("Kept while someone looks", new() { Timeout = 30_000 });

        await ProduceAsync(id, ("ios", 503, "/biz/r/menu"), ("web", 200, "/biz/r/photos"), ("android", 404, "/biz/r/menu"));

        var paths = await Eventually.Until(() => Column(page, "recent-path-cell"), p => p.Length >= 3, Soon, p => $"paths [{string.Join(", ", p)}]");
        Assert.Equal(["/biz/r/menu", "/biz/r/photos", "/biz/r/menu"], paths[..3]);
        Assert.Equal(["android", "web", "ios"], (await Column(page, "recent-platform-cell"))[..3]);
        Assert.Equal(["4xx", "2xx", "5xx"], (await Column(page, "recent-status-cell"))[..3]);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, "phone-recent-events.png"), FullPage = true });
        // Rows are cards at this width, and long values wrap: nothing scrolls sideways.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");

        await page.SetViewportSizeAsync(1280, 900);
        await Choose(page, "recent-platform", "ios");
        await Eventually.Until(() => Column(page, "recent-platform-cell"), p => p.SequenceEqual(["ios"]), Soon, p => $"platforms [{string.Join(", ", p)}]");

        await Choose(page, "recent-platform", "any platform");
        await Choose(page, "recent-status-class", "2xx");
        await Eventually.Until(() => Column(page, "recent-path-cell"), p => p.SequenceEqual(["/biz/r/photos"]),
            Soon, p => $"paths [{string.Join(", ", p)}]");

        await Choose(page, "recent-status-class", "any status");
        await page.Locator("[data-testid=recent-events] input[data-testid=recent-path], [data-testid=recent-events] [data-testid=recent-path] input").First.FillAsync("/BIZ/r/menu");
        await Eventually.Until(() => Column(page, "recent-platform-cell"), p => p.SequenceEqual(["android", "ios"]), Soon, p => $"platforms [{string.Join(", ", p)}]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, "dashboard-recent-events.png"), FullPage = true });
    }
}
