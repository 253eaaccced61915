using System.Text.Json;
using Holler.Tests.Support;
using Microsoft.Playwright;

namespace Holler.Tests.Web;

/// <summary>
/// The dashboard in a real browser (Debian's headless chromium via Playwright) against a dev node with the built-in
/// generator: injected surges appear on the leaderboard and the map, the drill-down charts them against the baseline,
/// the search opens any business. Screenshots go to artifacts/screenshots/.
/// </summary>
public sealed class DashboardBrowserTests(DevNodeFixture dev, ITestOutputHelper output) : IClassFixture<DevNodeFixture>
{
    private static readonly TimeSpan SurgesShowUp = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<string[]> RowIds(IPage page) =>
        page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-testid=leaderboard-row]')].map(r => r.dataset.businessId)");

    private static Task<string[]> MarkerIds(IPage page) =>
        page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-testid=map-marker]')].map(m => m.dataset.businessId)");

    [Fact]
    public async Task Injected_surges_show_on_the_leaderboard_and_map_and_the_drill_down_charts_them_against_the_baseline()
    {
        await using var chromium = await DebianChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync(dev.Dashboard.ToString());

        // Wait until a surge the generator injected (its ground truth) is ranked and drawn.
        var (rows, injected) = await Eventually.Until(async () => (Rows: await RowIds(page), Injected: dev.InjectedSurges().Select(s => s.BusinessId).ToHashSet()),
            r => r.Rows.Any(r.Injected.Contains), SurgesShowUp,
            r => $"rows [{string.Join(", ", r.Rows)}], injected [{string.Join(", ", r.Injected)}], feed {dev.Feed.Current.Connection}");
        var surging = rows.First(injected.Contains);
        await Eventually.Until(() => MarkerIds(page), ids => ids.Contains(surging), Soon, ids => $"markers [{string.Join(", ", ids)}]");
        Assert.Equal("Live", await page.GetAttributeAsync("[data-testid=connection]", "data-state"));
        Assert.Equal(rows.Length, (await MarkerIds(page)).Length);
        Assert.NotEqual("—", (await page.InnerTextAsync("[data-testid=stat-ingest] h6")).Trim());
        Assert.Contains("(this)", await page.InnerTextAsync("[data-testid=members]"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, "dashboard-live.png"), FullPage = true });

        var first = (await RowIds(page))[0];
        await page.Locator("[data-testid=leaderboard-row]").First.ClickAsync();

        await page.WaitForURLAsync($"**/business/{first}");
        var chart = await Eventually.Until(() => SecondsChart(page), c => c is { Points: 60, Sum: > 0, Baseline: >= 0, Drawn: > 0 }, Soon,
            c => $"seconds chart {c}");
        output.WriteLine($"drill-down of {first}: {chart}");
        Assert.Contains("Surging since", await page.InnerTextAsync("[data-testid=business-state]"));
        // It keeps updating: the newest second moves on.
        var head = chart!.Head;
        await Eventually.Until(() => SecondsChart(page), c => c is not null && string.CompareOrdinal(c.Head, head) > 0, Soon, c => $"seconds chart {c}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, "dashboard-drilldown.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_search_opens_any_business_surging_or_not()
    {
        var business = dev.Node.Catalog[1_999];
        await using var chromium = await DebianChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        await page.GotoAsync(dev.Dashboard.ToString());

        var search = page.Locator(".holler-search input");
        await search.ClickAsync();
        await search.PressSequentiallyAsync(business.Id, new LocatorPressSequentiallyOptions { Delay = 20 });
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = business.Name }).First.ClickAsync();

        await page.WaitForURLAsync($"**/business/{business.Id}");
        Assert.Equal(business.Name, await page.InnerTextAsync("[data-testid=business-name]"));
        await page.Locator("[data-testid=business-state] .mud-chip").WaitForAsync();
    }

    [Fact]
    public async Task Open_dashboards_share_the_one_feed_and_closing_them_leaves_no_subscription_behind()
    {
        var sessions = int.TryParse(Environment.GetEnvironmentVariable("HOLLER_MEASURE_SESSIONS"), out var n) ? n : 4;
        await using var chromium = await DebianChromium.LaunchAsync();
        var before = dev.Feed.SubscriberCount;
        var pages = new List<IPage>();
        for (var i = 0; i < sessions; i++)
        {
            var page = await chromium.Context.NewPageAsync();
            await page.GotoAsync("about:blank");
            pages.Add(page);
        }
        var blank = ManagedBytes();

        foreach (var page in pages) await page.GotoAsync(dev.Dashboard.ToString());
        foreach (var page in pages) await page.Locator("[data-testid=connection][data-state=Live]").WaitForAsync();
        // Each page shows the live view and the connection chip: two subscriptions, all fed by the node's one actor.
        await Eventually.Until(() => Task.FromResult(dev.Feed.SubscriberCount), c => c == before + 2 * sessions, Soon, c => $"{c} subscribers");
        var open = ManagedBytes();

        foreach (var page in pages) await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        await Eventually.Until(() => Task.FromResult(dev.Feed.SubscriberCount), c => c == before, TimeSpan.FromMinutes(1), c => $"{c} subscribers left");

        var perSession = (open - blank) / (double)sessions;
        output.WriteLine($"{sessions} dashboard sessions: managed heap {blank:N0} → {open:N0} bytes, {perSession:N0} bytes per session");
        await File.WriteAllTextAsync(Path.Combine(Artifacts.Measurements, "dashboard-sessions.json"), JsonSerializer.Serialize(new
        {
            sessions, managedBytesBefore = blank, managedBytesOpen = open, bytesPerSession = perSession,
            method = "GC.GetTotalMemory(forceFullCollection) in the process hosting the node; pages first opened on about:blank, then navigated to the dashboard, so Playwright's own per-page objects are in both readings",
        }), Ct);
    }

    private static long ManagedBytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed record ChartState(int Points, double Sum, double Baseline, int Drawn, string Head);

    private static async Task<ChartState?> SecondsChart(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement?>("""
            () => {
              const d = document.getElementById('chart-seconds');
              if (!d || !d.data) return null;
              const ev = d.data.find(t => t.name === 'events / s');
              const base = d.data.find(t => t.name === 'baseline rate');
              if (!ev || !base) return null;
              return { points: ev.y.length, sum: ev.y.reduce((a, b) => a + b, 0), baseline: base.y[0],
                       drawn: d.querySelectorAll('g.point').length, head: ev.x[ev.x.length - 1] };
            }
            """);
        if (json is not { ValueKind: JsonValueKind.Object } o) return null;
        return new ChartState(o.GetProperty("points").GetInt32(), o.GetProperty("sum").GetDouble(), o.GetProperty("baseline").GetDouble(),
            o.GetProperty("drawn").GetInt32(), o.GetProperty("head").GetString()!);
    }
}
