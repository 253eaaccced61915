using Holler.Tests.Support;
using Microsoft.Playwright;

namespace Holler.Tests.Web;

/// <summary>
/// End to end, from the generator through the trackers to the dashboard in Debian's chromium: the drill-down of a surge
/// injected on one platform and one page names both among its drivers; the leaderboard's Errors board lists a business
/// whose 5xx share the generator raised. Screenshots for the README go to artifacts/screenshots/readme-*.png.
/// </summary>
public sealed class DimensionsBrowserTests(DimensionsDevNodeFixture dev, ITestOutputHelper output) : IClassFixture<DimensionsDevNodeFixture>
{
    private static readonly TimeSpan ShowsUp = TimeSpan.FromSeconds(240);

    [Fact]
    public async Task The_drill_down_of_a_surge_on_one_platform_and_page_names_them_and_the_error_board_lists_an_error_burst()
    {
        await using var chromium = await DebianChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();

        // An injected surge on the leaderboard: the busiest one ranked, so its usual shares rest on the most traffic.
        var surge = await Eventually.Until(() =>
            {
                var ranked = dev.Feed.Current.Top.Select(e => e.BusinessId).ToHashSet();
                return Task.FromResult(dev.InjectedSurges().Where(s => ranked.Contains(dev.Catalog[s.BusinessIndex].Id))
                    .MaxBy(s => s.NormalEventsPerSecond));
            },
            s => s is not null, ShowsUp, _ => $"no injected surge on the leaderboard yet ({dev.InjectedSurges().Count} injected)");
        var id = dev.Catalog[surge!.BusinessIndex].Id;
        output.WriteLine($"surge {surge.Number} of {id} (rank {surge.Rank}, {surge.NormalEventsPerSecond:0.00}/s normally): {surge.Platform} {surge.Path}");

        await page.GotoAsync(new Uri(dev.Dashboard, $"business/{Uri.EscapeDataString(id)}").ToString());
        await page.Locator("[data-testid=drivers-panel]").WaitForAsync();
        // The drivers now, or those the surge was reported with at its peak (a long surge becomes its own baseline).
        var named = await Eventually.Until(
            () => page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-testid=driver], [data-testid=reported-driver]')].map(d => d.dataset.dimension + ' ' + d.dataset.value)"),
            d => d.Contains($"platform {surge.Platform}") && d.Contains($"path {surge.Path}"), TimeSpan.FromSeconds(60),
            d => $"drivers shown [{string.Join("; ", d)}], expected platform {surge.Platform} and path {surge.Path}; panel: {page.InnerTextAsync("[data-testid=drivers-panel]").Result}");
        output.WriteLine($"drivers: {string.Join("; ", named)}");
        await page.Locator("#chart-seconds .main-svg").First.WaitForAsync();
        await Shot(page, "readme-drivers");

        // The Errors board lists a business of an injected error burst.
        await page.GotoAsync(dev.Dashboard.ToString());
        await page.Locator("[data-testid=board-errors]").ClickAsync();
        var listed = await Eventually.Until(async () =>
            {
                var rows = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-testid=error-row]')].map(r => r.dataset.businessId)");
                var bursts = dev.ErrorBurstBusinesses(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                return (rows, bursts);
            },
            r => r.rows.Intersect(r.bursts).Any(), ShowsUp,
            r => $"error board [{string.Join(", ", r.rows)}], error-burst businesses [{string.Join(", ", r.bursts)}]");
        var erroring = listed.rows.Intersect(listed.bursts).First();
        var row = page.Locator($"[data-testid=error-row][data-business-id='{erroring}']");
        var share = double.Parse((await row.Locator("[data-testid=error-share]").InnerTextAsync()).Trim().TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture);
        var usual = double.Parse((await row.Locator("[data-testid=error-usual]").InnerTextAsync()).Trim().TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"error surge of {erroring}: 5xx {share}% now, usually {usual}%");
        Assert.True(share > usual, $"5xx share now {share}% is not above its usual {usual}%");
        await Shot(page, "readme-errors");

        // On a phone the error board's rows are cards too: severity and 5xx share on screen, nothing scrolls sideways.
        await page.SetViewportSizeAsync(390, 844);
        foreach (var cell in new[] { "error-score", "error-share" })
        {
            var box = await row.Locator($"[data-testid={cell}]").BoundingBoxAsync();
            Assert.True(box is { Width: > 0 } && box.X >= 0 && box.X + box.Width <= 390.5, $"{cell} spans {box?.X}…{box?.X + box?.Width} on a 390 px screen");
        }
        var widths = await Eventually.Until(
            () => page.EvaluateAsync<int[]>("() => new Promise(r => requestAnimationFrame(() => r([document.documentElement.scrollWidth, window.innerWidth])))"),
            w => w[0] <= w[1], TimeSpan.FromSeconds(10), w => $"the error board is {w[0]} px wide in a {w[1]} px viewport");
        output.WriteLine($"error board at 390 px: scrollWidth {widths[0]}");
        await Shot(page, "phone-errors");
        await page.SetViewportSizeAsync(1600, 1000);

        // Its drill-down flags the error surge.
        await page.GotoAsync(new Uri(dev.Dashboard, $"business/{Uri.EscapeDataString(erroring)}").ToString());
        await page.Locator("[data-testid=error-surge]").WaitForAsync();

        // The fleet views and the History page, with ten minutes of traffic behind them, for the README.
        await page.GotoAsync(new Uri(dev.Dashboard, "fleet").ToString());
        await page.Locator("#chart-fleet-categories .main-svg").First.WaitForAsync();
        await page.Locator("[data-testid=heat-map]").WaitForAsync();
        await Shot(page, "readme-fleet");
        await page.GotoAsync(new Uri(dev.Dashboard, "history").ToString());
        await page.Locator("[data-testid=history-top-row]").First.WaitForAsync();
        await Shot(page, "readme-history");
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, name + ".png"), FullPage = true });
}
