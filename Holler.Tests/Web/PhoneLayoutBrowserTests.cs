using Holler.Tests.Support;
using Microsoft.Playwright;

namespace Holler.Tests.Web;

/// <summary>
/// Every page at a phone's size (390 × 844): nothing scrolls sideways (the document is no wider than the viewport), the
/// leaderboard's rows are cards whose severity and ratio are on screen, the header's live chip stays on screen, and a
/// chart's toolbar never covers its title. Screenshots go to artifacts/screenshots/phone-*.png.
/// </summary>
[Collection(SharedDevNode.Name)]
public sealed class PhoneLayoutBrowserTests(DevNodeFixture dev, ITestOutputHelper output)
{
    private const int Width = 390, Height = 844;
    private static readonly TimeSpan SurgesShowUp = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_page_fits_a_390_px_screen_and_the_leaderboard_shows_score_and_ratio()
    {
        await using var chromium = await DebianChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        await page.SetViewportSizeAsync(Width, Height);

        // The live view, once an injected surge is ranked: its card shows severity and ratio inside the screen.
        await page.GotoAsync(dev.Dashboard.ToString());
        var surging = await Eventually.Until(
            async () => (await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-testid=leaderboard-row]')].map(r => r.dataset.businessId)"))
                .FirstOrDefault(dev.InjectedSurges().Select(s => s.BusinessId).ToHashSet().Contains),
            id => id is not null, SurgesShowUp, _ => "no injected surge on the leaderboard yet");
        var row = page.Locator($"[data-testid=leaderboard-row][data-business-id='{surging}']");
        foreach (var cell in new[] { "leaderboard-score", "leaderboard-ratio" })
        {
            var box = await OnScreen(page, row.Locator($"[data-testid={cell}]"));
            Assert.True(box.Width > 0 && box.Height > 0, $"{cell} has no size");
        }
        Assert.Equal("Live", await page.GetAttributeAsync("[data-testid=connection]", "data-state"));
        await OnScreen(page, page.Locator("[data-testid=connection] .mud-chip"));
        await AssertNoSidewaysScroll(page, "/");
        await Shot(page, "phone-live");

        // The drill-down of that surge, with its charts drawn.
        await page.GotoAsync(new Uri(dev.Dashboard, $"business/{Uri.EscapeDataString(surging!)}").ToString());
        await page.Locator("#chart-seconds .main-svg").First.WaitForAsync();
        await page.Locator("#chart-minutes .main-svg").First.WaitForAsync();
        await AssertNoSidewaysScroll(page, "/business");
        await AssertToolbarClearOfTitle(page, "chart-seconds");
        await Shot(page, "phone-drilldown");

        // The fleet page, once it has traffic.
        await page.GotoAsync(new Uri(dev.Dashboard, "fleet").ToString());
        await page.Locator("[data-testid=heat-map]").WaitForAsync();
        await page.Locator("#chart-fleet-categories .main-svg").First.WaitForAsync();
        await AssertNoSidewaysScroll(page, "/fleet");
        await AssertToolbarClearOfTitle(page, "chart-fleet-categories");
        await Shot(page, "phone-fleet");

        foreach (var (path, ready) in new[] { ("alerts", "h1"), ("alerts/rules", "h1"), ("alerts/dead-letters", "h1"), ("signin", "h1") })
        {
            await page.GotoAsync(new Uri(dev.Dashboard, path).ToString());
            await page.Locator(ready).First.WaitForAsync();
            await AssertNoSidewaysScroll(page, "/" + path);
            await Shot(page, "phone-" + path.Replace('/', '-'));
        }
    }

    /// <summary>The element is visible and lies horizontally within the viewport.</summary>
    private static async Task<LocatorBoundingBoxResult> OnScreen(IPage page, ILocator element)
    {
        await element.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        var box = await element.BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException("element has no box");
        Assert.True(box.X >= 0 && box.X + box.Width <= Width + 0.5, $"element spans x {box.X}…{box.X + box.Width}, beyond the {Width} px screen");
        return box;
    }

    private async Task AssertNoSidewaysScroll(IPage page, string where)
    {
        // Blazor renders after the first paint and re-renders live: measure once the layout has settled a frame.
        var (scroll, inner) = await Eventually.Until(
            async () =>
            {
                var m = await page.EvaluateAsync<int[]>("() => new Promise(r => requestAnimationFrame(() => r([document.documentElement.scrollWidth, window.innerWidth])))");
                return (m[0], m[1]);
            },
            m => m.Item1 <= m.Item2, TimeSpan.FromSeconds(10), m => $"{where}: document {m.Item1} px wide in a {m.Item2} px viewport: {Widest(page).Result}");
        output.WriteLine($"{where}: scrollWidth {scroll} ≤ innerWidth {inner}");
        Assert.Equal(Width, inner);
    }

    /// <summary>What sticks out, to say why a page scrolls sideways.</summary>
    private static Task<string> Widest(IPage page) => page.EvaluateAsync<string>("""
        () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
              .slice(-5).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`).join('; ')
        """);

    /// <summary>The chart's toolbar (shown while the pointer is over it) does not overlap the chart's title.</summary>
    private static async Task AssertToolbarClearOfTitle(IPage page, string chartId)
    {
        var chart = page.Locator($"#{chartId}");
        await chart.HoverAsync();
        var title = await chart.EvaluateAsync<double[]>("""
            c => { const t = c.previousElementSibling.getBoundingClientRect(); return [t.left, t.top, t.right, t.bottom]; }
            """);
        var bar = await chart.EvaluateAsync<double[]?>("""
            c => { const m = c.querySelector('.modebar'); if (!m) return null; const b = m.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; }
            """);
        Assert.NotNull(bar);
        var overlaps = bar[0] < title[2] && title[0] < bar[2] && bar[1] < title[3] && title[1] < bar[3];
        Assert.False(overlaps, $"{chartId}: toolbar [{string.Join(", ", bar)}] covers title [{string.Join(", ", title)}]");
        Assert.True(title[2] <= Width + 0.5, $"{chartId}: title ends at {title[2]}");
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, name + ".png"), FullPage = true });
}
