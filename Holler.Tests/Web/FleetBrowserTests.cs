using System.Globalization;
using Holler.Domain.Fleet;
using Holler.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Holler.Tests.Web;

/// <summary>
/// The fleet page against a dev node with the built-in generator: the totals are live and non-zero, the stacked area has
/// the categories' traffic, and the state of a surge the generator injected is highlighted on the heat map.
/// </summary>
[Collection(SharedDevNode.Name)]
public sealed class FleetBrowserTests(DevNodeFixture dev, ITestOutputHelper output)
{
    private static readonly TimeSpan SurgesShowUp = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_fleet_page_shows_live_totals_and_highlights_the_state_of_an_injected_surge()
    {
        var directory = dev.Node.Services.GetRequiredService<FleetDirectory>();
        await using var chromium = await DebianChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        await page.GotoAsync(new Uri(dev.Dashboard, "fleet").ToString());

        var rate = await Eventually.Until(() => Number(page, "[data-testid=fleet-rate] h6"), r => r > 0, Soon, r => $"events/s {r}");
        var total = await Number(page, "[data-testid=fleet-total] h6");
        Assert.True(total > 0, $"events in the last hour: {total}");
        output.WriteLine($"fleet: {rate} events/s, {total} in the last hour");

        // The stacked area: one band per category, together carrying traffic.
        var bands = await Eventually.Until(
            () => page.EvaluateAsync<double[]>("() => (document.getElementById('chart-fleet-categories').data || []).map(t => t.y.reduce((a, b) => a + b, 0))"),
            b => b.Length > 0 && b.Sum() > 0, Soon, b => $"bands [{string.Join(", ", b)}]");
        Assert.All(bands, b => Assert.True(b >= 0));

        // Traffic lands on the map: the states of the generator's businesses have it.
        var busy = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-testid=heat-state]')].filter(s => +s.dataset.traffic > 0).map(s => s.dataset.state)");
        Assert.NotEmpty(busy);

        // A surge the generator injected, ranked now, makes its state surge on the map.
        var (surgingStates, expected) = await Eventually.Until(async () =>
            {
                var shown = (await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-testid=heat-state][data-surging=true]')].map(s => s.dataset.state)")).ToHashSet();
                var injected = dev.InjectedSurges().Select(s => s.BusinessId).ToHashSet();
                var ranked = dev.Feed.Current.Top.Where(e => injected.Contains(e.BusinessId)).Select(e => directory.StateOf(e.BusinessId)).OfType<string>().ToHashSet();
                return (shown, ranked);
            },
            r => r.Item1.Overlaps(r.Item2), SurgesShowUp,
            r => $"highlighted [{string.Join(", ", r.Item1)}], states of ranked injected surges [{string.Join(", ", r.Item2)}]");
        var state = surgingStates.Intersect(expected).First();
        var path = page.Locator($"[data-testid=heat-state][data-state='{state}']");
        Assert.True(int.Parse((await path.GetAttributeAsync("data-surges"))!, CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("surging", await path.GetAttributeAsync("class") ?? "");
        await page.Locator("[data-testid=heat-surges]").ClickAsync();
        await page.Locator("[data-testid=heat-map][data-mode=Surges]").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, "dashboard-fleet.png"), FullPage = true });
    }

    private static async Task<double> Number(IPage page, string selector)
    {
        var text = (await page.InnerTextAsync(selector)).Trim().Replace(",", "");
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : -1;
    }
}
