using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Holler.Domain.Catalog;
using Holler.Domain.Surges;
using Holler.Ingest;
using Holler.Leaderboard;
using Holler.Tests.Support;
using Holler.Tracking;
using Holler.Web.Access;
using Holler.Web.Components.Layout;
using Holler.Web.Components.Pages;
using Holler.Web.Feed;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Holler.Tests.Web;

/// <summary>The dashboard's components in each state they can be in, rendered with bunit against a real
/// <see cref="ClusterFeed"/> fed the way the feed actor feeds it.</summary>
public sealed class DashboardComponentTests : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly BusinessCatalog Catalog = BusinessCatalog.Synthetic(200, seed: 42);

    private readonly BunitContext _ctx = new();
    private readonly ClusterFeed _feed = new();
    private readonly ManualClock _clock = new();
    private readonly StubSeries _series = new();
    private readonly BunitAuthorizationContext _user;

    public DashboardComponentTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _user = _ctx.AddAuthorization();
        _user.SetAuthorized("viewer");
        _user.SetClaims(new Claim(HollerClaims.Role, HollerRoles.Viewer));
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(_feed);
        _ctx.Services.AddSingleton(Catalog);
        _ctx.Services.AddSingleton<TimeProvider>(_clock);
        _ctx.Services.AddSingleton<IBusinessSeriesSource>(_series);
        _ctx.Services.AddSingleton(Holler.Domain.Dimensions.DimensionSettings.Default);
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static BusinessInfo B(int i) => Catalog[i];

    private LeaderboardUpdated Board(params (int Business, double Score, double Ratio, long Count)[] rows) =>
        new([.. rows.Select(r => new LeaderboardEntry(B(r.Business).Id, r.Score, r.Count, r.Count / r.Ratio, r.Ratio, NowMs - 90_000, NowMs))],
            rows.Length + 5, NowMs, 3);

    private void Publish(LeaderboardUpdated board, FeedConnection connection = FeedConnection.Live) =>
        _feed.Update(s => s with { Leaderboard = board, LeaderboardReceivedMs = NowMs, Connection = connection });

    [Fact]
    public void Before_the_cluster_answers_the_live_view_says_it_is_waiting()
    {
        var cut = _ctx.Render<LiveView>();

        Assert.Contains("Waiting for the leaderboard", cut.Find("[data-testid=leaderboard-loading]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=leaderboard-row]"));
        Assert.Empty(cut.FindAll("[data-testid=map-marker]"));
        Assert.Contains("No surges yet", cut.Find("[data-testid=history-empty]").TextContent);
        Assert.Contains("no cluster members known yet", cut.Find("[data-testid=members]").TextContent);
        Assert.Equal("—", cut.Find("[data-testid=stat-ingest] h6").TextContent.Trim());
    }

    [Fact]
    public void With_no_surge_the_leaderboard_says_so()
    {
        Publish(new LeaderboardUpdated([], 0, NowMs, 1));

        var cut = _ctx.Render<LiveView>();

        Assert.Contains("No business is surging right now", cut.Find("[data-testid=leaderboard-empty]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=map-marker]"));
    }

    [Fact]
    public void Live_rows_and_markers_follow_the_feed_with_readable_numbers()
    {
        var cut = _ctx.Render<LiveView>();

        Publish(Board((3, 23.44, 12.43, 12_345), (7, 8.8, 2.5, 25)));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=leaderboard-row]").Count), Wait);
        var rows = cut.FindAll("[data-testid=leaderboard-row]");
        Assert.Equal([B(3).Id, B(7).Id], rows.Select(r => r.GetAttribute("data-business-id")));
        var first = rows[0].TextContent;
        Assert.Contains(B(3).Name, first);
        Assert.Contains(B(3).City, first);
        Assert.Contains("23.4", first);
        Assert.Contains("12.4×", first);
        Assert.Contains("12,345", first);
        Assert.Equal("0", rows[0].GetAttribute("tabindex"));
        Assert.Equal(2, cut.FindAll("[data-testid=map-marker]").Count);
        Assert.Contains("top 2 of 7 surging", cut.Markup);

        // The next publication replaces the rows: the page is pumped by the feed, not rendered once.
        Publish(Board((7, 30, 4, 400)));
        cut.WaitForAssertion(() => Assert.Equal([B(7).Id],
            cut.FindAll("[data-testid=leaderboard-row]").Select(r => r.GetAttribute("data-business-id"))), Wait);
        Assert.Single(cut.FindAll("[data-testid=map-marker]"));
    }

    [Fact]
    public void A_bigger_surge_gets_a_bigger_marker()
    {
        Publish(Board((1, 40, 20, 2_000), (2, 5, 2.2, 40)));

        var cut = _ctx.Render<LiveView>();

        var radii = cut.FindAll("[data-testid=map-marker]").ToDictionary(m => m.GetAttribute("data-business-id")!,
            m => double.Parse(m.GetAttribute("r")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(radii[B(1).Id] > radii[B(2).Id], $"radii: {string.Join(", ", radii)}");
    }

    [Fact]
    public void Click_and_Enter_on_a_row_and_a_marker_open_the_business()
    {
        Publish(Board((3, 20, 10, 500), (4, 10, 5, 300)));
        var cut = _ctx.Render<LiveView>();
        var navigation = _ctx.Services.GetRequiredService<NavigationManager>();

        cut.FindAll("[data-testid=leaderboard-row]")[0].Click();
        Assert.EndsWith($"/business/{Uri.EscapeDataString(B(3).Id)}", navigation.Uri);

        cut.FindAll("[data-testid=leaderboard-row]")[1].KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        Assert.EndsWith($"/business/{Uri.EscapeDataString(B(4).Id)}", navigation.Uri);

        cut.Find($"[data-testid=map-marker][data-business-id='{B(3).Id}']").Click();
        Assert.EndsWith($"/business/{Uri.EscapeDataString(B(3).Id)}", navigation.Uri);
    }

    [Fact]
    public void The_cluster_strip_sums_ingest_nodes_and_lists_members()
    {
        _feed.Update(s => s with
        {
            Members = [new ClusterMember("akka.tcp://holler@127.0.0.1:4053", ["ingest", "tracker"], "Up", true, true),
                new ClusterMember("akka.tcp://holler@127.0.0.1:4054", ["web"], "Up", false, false)],
            Ingest = [new IngestNodeStatus("a", NowMs, 1, 1, 2, 40_000, 2, 2_500.4, 2_400), new IngestNodeStatus("b", NowMs, 1, 1, 5, 20_000, 2, 1_700, 1_600)],
        });

        var cut = _ctx.Render<LiveView>();

        Assert.Equal("4,200/s", cut.Find("[data-testid=stat-ingest] h6").TextContent.Trim());
        Assert.Equal("60,000", cut.Find("[data-testid=stat-lag] h6").TextContent.Trim());
        Assert.Equal("7", cut.Find("[data-testid=stat-rejected] h6").TextContent.Trim());
        var members = cut.Find("[data-testid=members]").TextContent;
        Assert.Contains("127.0.0.1:4053 (this) · ingest, tracker", members);
        Assert.Contains("127.0.0.1:4054 · web", members);
    }

    [Fact]
    public void Surge_history_lists_ongoing_and_ended_surges_newest_first()
    {
        _feed.Update(s => s with
        {
            History = [new SurgeRecord(B(5).Id, NowMs - 30_000, 0, 9.5, 300, 6), new SurgeRecord(B(6).Id, NowMs - 400_000, NowMs - 250_000, 14.25, 900, 11)],
        });

        var cut = _ctx.Render<LiveView>();

        var rows = cut.FindAll("[data-testid=history-row]");
        Assert.Equal([B(5).Id, B(6).Id], rows.Select(r => r.GetAttribute("data-business-id")));
        Assert.Contains("ongoing", rows[0].TextContent);
        Assert.Contains("30s", rows[0].TextContent);
        Assert.Contains("2m 30s", rows[1].TextContent);
        Assert.Contains("14.2", rows[1].TextContent);
    }

    [Fact]
    public void Surge_history_tags_a_drop_and_only_the_drop()
    {
        _feed.Update(s => s with
        {
            History = [new SurgeRecord(B(7).Id, NowMs - 20_000, 0, 11, 2, 0.05, Drop: true), new SurgeRecord(B(8).Id, NowMs - 60_000, 0, 9.5, 300, 6)],
        });

        var cut = _ctx.Render<LiveView>();

        var rows = cut.FindAll("[data-testid=history-row]");
        Assert.Equal([("true", "drop"), ("false", "")],
            rows.Select(r => (r.GetAttribute("data-drop"), r.QuerySelector("[data-testid=history-drop]")?.TextContent.Trim() ?? "")));
    }

    [Fact]
    public void When_the_cluster_is_lost_the_last_state_stays_with_a_reconnecting_banner()
    {
        Publish(Board((3, 20, 10, 500)));
        var cut = _ctx.Render<LiveView>();
        var status = _ctx.Render<ConnectionStatus>();
        Assert.Equal("Live", status.Find("[data-testid=connection]").GetAttribute("data-state"));
        Assert.Empty(cut.FindAll("[data-testid=lost-banner]"));

        _feed.Update(s => s with { Connection = FeedConnection.Lost });

        cut.WaitForAssertion(() => Assert.Contains("reconnecting", cut.Find("[data-testid=lost-banner]").TextContent), Wait);
        status.WaitForAssertion(() => Assert.Contains("Cluster unreachable", status.Markup), Wait);
        Assert.Equal("Lost", status.Find("[data-testid=connection]").GetAttribute("data-state"));
        Assert.Single(cut.FindAll("[data-testid=leaderboard-row]"));
    }

    [Fact]
    public async Task Closing_the_page_unsubscribes_it()
    {
        var cut = _ctx.Render<LiveView>();
        _ctx.Render<ConnectionStatus>();
        Assert.Equal(2, _feed.SubscriberCount);

        await _ctx.DisposeComponentsAsync();

        Assert.Equal(0, _feed.SubscriberCount);
        Assert.NotNull(cut);
    }

    [Fact]
    public void A_surging_business_shows_its_state_score_and_charts()
    {
        var id = B(9).Id;
        _series.Answer = new BusinessSeries(id, 1_750_000_000, [.. Enumerable.Range(0, 60).Select(i => i < 40 ? 1 : 20)],
            [.. Enumerable.Range(0, 60).Select(i => i < 58 ? 60 : 500)], 460, 60, 25, 110, true, 18.75, 7.67, true, 1_749_999_980_000, 10_000, 0,
            [.. Enumerable.Repeat(60.0, 60)], [.. Enumerable.Repeat(25.0, 60)], [.. Enumerable.Repeat(110.0, 60)], 2, 60, false);

        var cut = _ctx.Render<BusinessPage>(p => p.Add(x => x.Id, id));

        cut.WaitForAssertion(() => Assert.Contains("Surging since", cut.Find("[data-testid=business-state]").TextContent), Wait);
        Assert.Equal(B(9).Name, cut.Find("[data-testid=business-name]").TextContent);
        Assert.Equal("18.8", cut.Find("[data-testid=stat-score] h6").TextContent.Trim());
        Assert.Equal("7.7×", cut.Find("[data-testid=stat-ratio] h6").TextContent.Trim());
        Assert.Equal("460", cut.Find("[data-testid=stat-count] h6").TextContent.Trim());
        Assert.NotNull(cut.Find("#chart-seconds"));
        Assert.NotNull(cut.Find("#chart-minutes"));
        Assert.Empty(cut.FindAll("[data-testid=chart-empty]"));
        Assert.Contains(id, _series.Asked);
    }

    [Fact]
    public void A_business_user_sees_only_their_businesses_on_the_leaderboard_map_and_history_and_in_the_search()
    {
        _user.SetAuthorized("owner");
        _user.SetClaims(new Claim(HollerClaims.Role, HollerRoles.Business), new Claim(HollerClaims.Business, B(2).Id),
            new Claim(HollerClaims.Business, B(5).Id));
        Publish(Board((1, 12, 5, 400), (2, 11, 4, 300), (3, 10, 3, 200)));
        _feed.Update(s => s with { History = [new SurgeRecord(B(3).Id, NowMs - 600_000, NowMs - 300_000, 9, 100, 3),
            new SurgeRecord(B(5).Id, NowMs - 900_000, NowMs - 800_000, 8, 90, 2.5)] });

        var cut = _ctx.Render<LiveView>();

        cut.WaitForAssertion(() => Assert.Equal([B(2).Id], cut.FindAll("[data-testid=leaderboard-row]").Select(r => r.GetAttribute("data-business-id"))), Wait);
        Assert.All(cut.FindAll("[data-testid=map-marker]"), m => Assert.Equal(B(2).Id, m.GetAttribute("data-business-id")));
        Assert.DoesNotContain(B(3).Name, cut.Markup);
        Assert.DoesNotContain(B(1).Name, cut.Markup);
        Assert.Contains(B(5).Name, cut.Markup);

        // The search looks among their businesses only: a word of another's name finds nothing, an id of another's neither.
        var only = BusinessScope.Of(new ClaimsPrincipal(new ClaimsIdentity([new Claim(HollerClaims.Role, HollerRoles.Business),
            new Claim(HollerClaims.Business, B(2).Id)], "test")));
        Assert.Empty(CatalogSearch.Find(Catalog, B(1).Name, 12, Xunit.TestContext.Current.CancellationToken, only));
        Assert.Empty(CatalogSearch.Find(Catalog, B(1).Id, 12, Xunit.TestContext.Current.CancellationToken, only));
        Assert.Equal([B(2).Id], CatalogSearch.Find(Catalog, B(2).Name, 12, Xunit.TestContext.Current.CancellationToken, only).Select(b => b.Id));
        Assert.NotEmpty(CatalogSearch.Find(Catalog, B(1).Name, 12, Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_business_page_of_another_business_shows_nothing_of_it_and_never_asks_its_tracker()
    {
        _user.SetAuthorized("owner");
        _user.SetClaims(new Claim(HollerClaims.Role, HollerRoles.Business), new Claim(HollerClaims.Business, B(2).Id));

        var cut = _ctx.Render<BusinessPage>(p => p.Add(x => x.Id, B(9).Id));

        Assert.Contains("not one of yours", cut.Find("[data-testid=forbidden]").TextContent);
        Assert.DoesNotContain(B(9).Name, cut.Markup);
        Assert.DoesNotContain(B(9).Id, _series.Asked);
    }

    [Fact]
    public void A_business_never_seen_and_an_unknown_id_say_so()
    {
        var id = B(10).Id;
        _series.Answer = new BusinessSeries(id, 0, new int[60], new int[60], 0, 0, 0, 0, false, 0, 0, false, 0, 0, 0, [], [], [], 0, 60, false);

        var cut = _ctx.Render<BusinessPage>(p => p.Add(x => x.Id, id));
        cut.WaitForAssertion(() => Assert.Contains("No traffic seen yet", cut.Find("[data-testid=business-state]").TextContent), Wait);
        Assert.Contains("No events for this business yet", cut.Find("[data-testid=chart-empty]").TextContent);

        // Neither in the catalog nor seen by its tracker: the only business the page calls unknown.
        var unknown = _ctx.Render<BusinessPage>(p => p.Add(x => x.Id, "no-such-business"));
        unknown.WaitForAssertion(() => Assert.Contains("no-such-business", unknown.Find("[data-testid=unknown-business]").TextContent), Wait);
        Assert.Contains("no-such-business", _series.Asked);
    }

    [Fact]
    public void A_business_with_traffic_but_no_catalog_entry_shows_its_charts_by_its_id()
    {
        const string id = "real-traffic-business-1";
        Assert.False(Catalog.TryGet(id, out _));
        _series.Answer = new BusinessSeries(id, 1_750_000_000, [.. Enumerable.Range(0, 60).Select(i => i < 40 ? 1 : 20)],
            [.. Enumerable.Range(0, 60).Select(i => i < 58 ? 60 : 500)], 460, 60, 25, 110, true, 18.75, 7.67, true, 1_749_999_980_000, 10_000, 0,
            [.. Enumerable.Repeat(60.0, 60)], [.. Enumerable.Repeat(25.0, 60)], [.. Enumerable.Repeat(110.0, 60)], 2, 60, false);

        var cut = _ctx.Render<BusinessPage>(p => p.Add(x => x.Id, id));

        cut.WaitForAssertion(() => Assert.Contains("Surging since", cut.Find("[data-testid=business-state]").TextContent), Wait);
        Assert.Equal(id, cut.Find("[data-testid=business-name]").TextContent);
        Assert.Contains("Not in the catalog", cut.Find("[data-testid=not-in-catalog]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=unknown-business]"));
        Assert.Equal("460", cut.Find("[data-testid=stat-count] h6").TextContent.Trim());
        Assert.NotNull(cut.Find("#chart-seconds"));
        Assert.NotNull(cut.Find("#chart-minutes"));
        Assert.Empty(cut.FindAll("[data-testid=chart-empty]"));
    }

    [Fact]
    public void A_surging_business_missing_from_the_catalog_is_listed_by_its_id_without_a_marker()
    {
        const string id = "real-traffic-business-2";
        var board = Board((3, 23.44, 12.43, 12_345));
        Publish(board with { Top = [.. board.Top, board.Top[0] with { BusinessId = id, Score = 9 }] });

        var cut = _ctx.Render<LiveView>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=leaderboard-row]").Count), Wait);
        var row = cut.FindAll("[data-testid=leaderboard-row]")[1];
        Assert.Equal(id, row.GetAttribute("data-business-id"));
        Assert.Contains(id, row.QuerySelector("[data-testid=leaderboard-link]")!.TextContent);
        Assert.Equal($"business/{id}", row.QuerySelector("[data-testid=leaderboard-link]")!.GetAttribute("href"));
        Assert.Contains("not in the catalog", row.TextContent);
        // The map has no place for it; the catalog's business keeps its marker.
        Assert.Equal([B(3).Id], cut.FindAll("[data-testid=map-marker]").Select(m => m.GetAttribute("data-business-id")));
    }

    private sealed class StubSeries : IBusinessSeriesSource
    {
        public BusinessSeries? Answer { get; set; }
        public System.Collections.Concurrent.ConcurrentBag<string> Asked { get; } = [];

        public Task<BusinessSeries?> GetAsync(string businessId, CancellationToken token)
        {
            Asked.Add(businessId);
            return Task.FromResult(Answer is null ? null : Answer with { BusinessId = businessId });
        }
    }
}
