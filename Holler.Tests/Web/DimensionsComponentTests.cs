using System.Security.Claims;
using Bunit;
using Holler.Domain.Catalog;
using Holler.Domain.Dimensions;
using Holler.Domain.Surges;
using Holler.Leaderboard;
using Holler.Tests.Support;
using Holler.Tracking;
using Holler.Web.Access;
using Holler.Web.Components.Pages;
using Holler.Web.Feed;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Holler.Tests.Web;

/// <summary>What the dashboard shows of dimensions: the drill-down's drivers, shares, active users and 5xx share; a quiet
/// business's one line instead; the leaderboard's Errors board and each row's top driver; the history's drivers and
/// "errors" tag. Rendered with bunit against a real <see cref="ClusterFeed"/>.</summary>
public sealed class DimensionsComponentTests : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly BusinessCatalog Catalog = BusinessCatalog.Synthetic(200, seed: 42);
    private const long SurgeStartMs = 1_749_999_980_000;

    private readonly BunitContext _ctx = new();
    private readonly ClusterFeed _feed = new();
    private readonly ManualClock _clock = new();
    private readonly StubSeries _series = new();

    public DimensionsComponentTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        var user = _ctx.AddAuthorization();
        user.SetAuthorized("viewer");
        user.SetClaims(new Claim(HollerClaims.Role, HollerRoles.Viewer));
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(_feed);
        _ctx.Services.AddSingleton(Catalog);
        _ctx.Services.AddSingleton<TimeProvider>(_clock);
        _ctx.Services.AddSingleton<IBusinessSeriesSource>(_series);
        _ctx.Services.AddSingleton(new DimensionSettings(MinEventsPerMinute: 45));
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static BusinessInfo B(int i) => Catalog[i];

    private static readonly Driver App = new(Dimension.Platform, "app", 0.82, 0.30);
    private static readonly Driver Menu = new(Dimension.Path, "/biz/x/menu", 0.55, 0.10);

    private static BusinessSeries Surging(string id, DimensionSummary? dimensions) =>
        new(id, 1_750_000_000, [.. Enumerable.Range(0, 60).Select(i => i < 40 ? 1 : 20)],
            [.. Enumerable.Range(0, 60).Select(i => i < 58 ? 60 : 500)], 460, 60, 25, 110, true, 18.75, 7.67, true, SurgeStartMs, 10_000, 0,
            [.. Enumerable.Repeat(60.0, 60)], [.. Enumerable.Repeat(25.0, 60)], [.. Enumerable.Repeat(110.0, 60)], 2, 60, false, dimensions);

    private static DimensionSummary Summary(IReadOnlyList<Driver> drivers, long errorSinceMs = 0) =>
        new(drivers,
            [App, new Driver(Dimension.Platform, "web", 0.10, 0.45), Menu, new Driver(Dimension.Status, "2xx", 0.60, 0.97),
             new Driver(Dimension.Status, "5xx", 0.38, 0.03), new Driver(Dimension.Region, "US-CA-06037", 0.9, 0.85)],
            UsersLastMinute: 123.4, UsersLastFiveMinutes: 456, UsersLastHour: 2_345, UsersStandardError: 0.13,
            ErrorShare: 0.38, UsualErrorShare: 0.03, ErrorScore: 42.5, ErrorSinceMs: errorSinceMs);

    [Fact]
    public void The_drill_down_says_what_drives_a_surge_with_shares_active_users_and_the_5xx_share()
    {
        var id = B(9).Id;
        _series.Answer = Surging(id, Summary([App, Menu], errorSinceMs: SurgeStartMs + 5_000));

        var cut = _ctx.Render<BusinessPage>(p => p.Add(x => x.Id, id));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=driver]").Count), Wait);
        var drivers = cut.FindAll("[data-testid=driver]");
        Assert.Equal("platform app: 82% of the last 60 s, normally 30%", drivers[0].TextContent.Trim());
        Assert.Equal(["platform", "path"], drivers.Select(d => d.GetAttribute("data-dimension")));
        Assert.Equal("/biz/x/menu", drivers[1].GetAttribute("data-value"));
        Assert.Equal("123", cut.Find("[data-testid=users-minute] h6").TextContent.Trim());
        Assert.Equal("2,345", cut.Find("[data-testid=users-hour] h6").TextContent.Trim());
        Assert.Contains("±13%", cut.Find("[data-testid=users-five-minutes]").TextContent);
        Assert.Equal("38%", cut.Find("[data-testid=error-share] h6").TextContent.Trim());
        Assert.Contains("usually 3%", cut.Find("[data-testid=error-share]").TextContent);
        Assert.Equal("42.5", cut.Find("[data-testid=error-score] h6").TextContent.Trim());
        Assert.Contains("Error surge since", cut.Find("[data-testid=error-surge]").TextContent);
        // Every kept value, by dimension, with its share now and usually.
        var platform = cut.Find("[data-testid=dimension-values][data-dimension=platform]");
        Assert.Equal(["app", "web"], platform.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-value")));
        Assert.Contains("82%", platform.TextContent);
        Assert.Contains("45%", platform.TextContent);
        Assert.NotNull(cut.Find("[data-testid=dimension-values][data-dimension=region]"));
        Assert.Empty(cut.FindAll("[data-testid=drivers-none]"));
    }

    [Fact]
    public void A_business_without_a_breakdown_gets_one_line_saying_it_is_too_quiet()
    {
        var id = B(11).Id;
        _series.Answer = Surging(id, dimensions: null) with { Count = 12 };

        var cut = _ctx.Render<BusinessPage>(p => p.Add(x => x.Id, id));

        cut.WaitForAssertion(() => Assert.Contains("too quiet", cut.Find("[data-testid=drivers-none]").TextContent), Wait);
        var line = cut.Find("[data-testid=drivers-none]").TextContent;
        Assert.Contains("fewer than 45 events a minute", line);
        Assert.Contains("12 in the last 60 s", line);
        Assert.Empty(cut.FindAll("[data-testid=driver]"));
        Assert.Empty(cut.FindAll("[data-testid=active-users]"));
    }

    [Fact]
    public void A_surge_that_has_become_its_own_baseline_still_shows_the_drivers_it_was_reported_with()
    {
        var id = B(12).Id;
        _series.Answer = Surging(id, Summary([]));
        _feed.Update(s => s with { History = [new SurgeRecord(id, SurgeStartMs, 0, 20, 460, 7.7, Drivers: [App])] });

        var cut = _ctx.Render<BusinessPage>(p => p.Add(x => x.Id, id));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=reported-driver]")), Wait);
        Assert.Contains("platform app: 82%", cut.Find("[data-testid=reported-driver]").TextContent);
        Assert.Contains("Nothing stands out", cut.Find("[data-testid=drivers-steady]").TextContent);
    }

    [Fact]
    public void The_leaderboard_switches_to_the_error_board_and_traffic_rows_show_their_top_driver()
    {
        var traffic = new LeaderboardEntry(B(3).Id, 23.4, 1_200, 100, 12, NowMs - 60_000, NowMs, Drivers: [App, Menu]);
        var errors = new LeaderboardEntry(B(4).Id, 31.2, 480, 0.02, 0.41, NowMs - 30_000, NowMs, Drivers: [new Driver(Dimension.Status, "5xx", 0.41, 0.02)], Errors: true);
        _feed.Update(s => s with
        {
            Leaderboard = new LeaderboardUpdated([traffic], 1, NowMs, 7, [errors], 1),
            LeaderboardReceivedMs = NowMs,
            Connection = FeedConnection.Live,
        });

        var cut = _ctx.Render<LiveView>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=leaderboard-row]")), Wait);
        Assert.Equal("driven by app 82% (usually 30%)", cut.Find("[data-testid=leaderboard-driver]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=error-row]"));

        cut.Find("[data-testid=board-errors]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=error-row]")), Wait);
        var row = cut.Find("[data-testid=error-row]");
        Assert.Equal(B(4).Id, row.GetAttribute("data-business-id"));
        Assert.Equal("41%", row.QuerySelector("[data-testid=error-share]")!.TextContent.Trim());
        Assert.Equal("2%", row.QuerySelector("[data-testid=error-usual]")!.TextContent.Trim());
        Assert.Contains("31.2", row.QuerySelector("[data-testid=error-score]")!.TextContent);
        Assert.Contains("480", row.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=leaderboard-row]"));
        Assert.Contains("1 with an error surge", cut.Markup);

        cut.Find("[data-testid=board-traffic]").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=leaderboard-row]")), Wait);
    }

    [Fact]
    public void The_error_board_says_when_no_business_has_an_error_surge()
    {
        _feed.Update(s => s with { Leaderboard = new LeaderboardUpdated([], 0, NowMs, 1), LeaderboardReceivedMs = NowMs, Connection = FeedConnection.Live });

        var cut = _ctx.Render<LiveView>();
        cut.Find("[data-testid=board-errors]").Click();

        cut.WaitForAssertion(() => Assert.Contains("No business has an error surge", cut.Find("[data-testid=error-board-empty]").TextContent), Wait);
    }

    [Fact]
    public void The_history_lists_drivers_and_tags_error_surges_like_drops()
    {
        _feed.Update(s => s with
        {
            History =
            [
                new SurgeRecord(B(5).Id, NowMs - 60_000, 0, 31, 480, 0.41, Drivers: [new Driver(Dimension.Status, "5xx", 0.41, 0.02)], Errors: true),
                new SurgeRecord(B(6).Id, NowMs - 120_000, NowMs - 30_000, 20, 900, 9.5, Drivers: [App, Menu]),
                new SurgeRecord(B(7).Id, NowMs - 200_000, NowMs - 100_000, 9, 3, 0.1, Drop: true),
            ],
        });

        var cut = _ctx.Render<LiveView>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=history-row]").Count), Wait);
        var rows = cut.FindAll("[data-testid=history-row]");
        Assert.Equal(["errors", "surge", "drop"], rows.Select(r => r.GetAttribute("data-kind")));
        Assert.NotNull(rows[0].QuerySelector("[data-testid=history-errors]"));
        Assert.Null(rows[1].QuerySelector("[data-testid=history-errors]"));
        Assert.NotNull(rows[2].QuerySelector("[data-testid=history-drop]"));
        Assert.Contains("41%", rows[0].TextContent);
        var drivers = rows[1].QuerySelector("[data-testid=history-drivers]")!.TextContent;
        Assert.Contains("app 82% (usually 30%)", drivers);
        Assert.Contains("/biz/x/menu 55% (usually 10%)", drivers);
    }

    [Fact]
    public void An_ongoing_error_surge_in_the_history_shows_the_error_board_peak_and_a_traffic_surge_of_the_same_business_is_not_mixed_in()
    {
        var since = NowMs - 60_000;
        var errors = new LeaderboardEntry(B(8).Id, 31.2, 480, 0.02, 0.16, since, NowMs, Errors: true);
        var traffic = new LeaderboardEntry(B(8).Id, 12, 900, 100, 9, since, NowMs);
        _feed.Update(s => s with
        {
            Leaderboard = new LeaderboardUpdated([traffic], 1, NowMs, 7, [errors], 1),
            LeaderboardReceivedMs = NowMs,
            Connection = FeedConnection.Live,
            History = [new SurgeRecord(B(8).Id, since, 0, 20, 300, 0.10, Errors: true), new SurgeRecord(B(8).Id, since, 0, 10, 800, 7)],
        });

        var cut = _ctx.Render<LiveView>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=history-row]").Count), Wait);
        var rows = cut.FindAll("[data-testid=history-row]");
        Assert.Equal("16%", rows[0].QuerySelector("td[data-label='Peak 5xx share']")!.TextContent.Trim());
        Assert.Equal("31.2", rows[0].QuerySelector("td[data-label='Peak score']")!.TextContent.Trim());
        Assert.Equal("9.0×", rows[1].QuerySelector("td[data-label='Peak ratio']")!.TextContent.Trim());
        Assert.Equal("12.0", rows[1].QuerySelector("td[data-label='Peak score']")!.TextContent.Trim());
    }

    private sealed class StubSeries : IBusinessSeriesSource
    {
        public BusinessSeries? Answer { get; set; }

        public Task<BusinessSeries?> GetAsync(string businessId, CancellationToken token) =>
            Task.FromResult(Answer is null ? null : Answer with { BusinessId = businessId });
    }
}
