using Akka.Actor;
using Akka.TestKit;
using Holler.Domain;
using Holler.Domain.Dimensions;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;
using Holler.Leaderboard;
using Holler.Tests.Support;
using Holler.Tracking;
using static Holler.Tests.Support.Traffic;

namespace Holler.Tests.Actors;

/// <summary>Busy businesses keep a breakdown of their traffic in their tracker: surge reports name their drivers, the
/// drill-down gets the breakdown, and a 5xx share far above its usual one is an error surge of its own.</summary>
public sealed class ShardTrackerDimensionsTests(ITestOutputHelper output)
    : PersistenceTestKit(StorageBackend.Sqlite, "ShardTrackerDimensionsTests", output)
{
    private const string Id = "biz-1";
    private const int WarmupSeconds = 180;
    private const int Normal = 10;
    private readonly ManualClock _clock = new();
    private TestProbe _leaderboard = null!;

    protected override Task BeforeTestStart()
    {
        _leaderboard = CreateTestProbe("leaderboard");
        return Task.CompletedTask;
    }

    private static TrackerSettings Settings(DimensionSettings? dimensions = null) => new(
        BaselineSettings.Default, DetectorSettings.Default, TickInterval: TimeSpan.FromMilliseconds(50),
        MinSnapshotInterval: TimeSpan.FromHours(1), Dimensions: dimensions);

    private IActorRef StartTracker(DimensionSettings? dimensions = null) =>
        Sys.ActorOf(ShardTracker.PropsFor(Id, Settings(dimensions), _leaderboard.Ref, _clock));

    /// <summary>Events of one second each, described by <paramref name="describe"/> (event index within the run → its
    /// platform, status class and path).</summary>
    private static IEnumerable<TrafficBatch> Described(Traffic traffic, long from, int seconds, int perSecond,
        Func<int, (Platform Platform, StatusClass Status, string Path)> describe)
    {
        var n = 0;
        foreach (var batch in traffic.PerSecond(from, seconds, perSecond))
        {
            var builder = new BatchDimensions.Builder(batch.Count);
            for (var i = 0; i < batch.Count; i++, n++)
            {
                var (platform, status, path) = describe(n);
                builder.Append(new EventDimensions(platform, path, null, "US-CA", EventHash.Mix((ulong)(n % 97 + 1)), 0), status);
            }
            yield return batch with { Dimensions = builder.Build() };
        }
    }

    /// <summary>Usual traffic: web and iOS alike over four pages, 2% server errors.</summary>
    private static (Platform, StatusClass, string) Usual(int n) =>
        (n % 2 == 0 ? Platform.Web : Platform.Ios, n % 50 == 0 ? StatusClass.ServerError : StatusClass.Success, $"/page-{n % 4}");

    private void SendAll(IActorRef tracker, IEnumerable<TrafficBatch> batches)
    {
        var sent = 0;
        foreach (var batch in batches)
        {
            tracker.Tell(batch, TestActor);
            sent++;
        }
        for (var i = 0; i < sent; i++) ExpectMsg<TrafficBatchAck>(Long);
    }

    private BusinessSeries Series(IActorRef tracker)
    {
        tracker.Tell(new GetBusinessSeries(Id), TestActor);
        return ExpectMsg<BusinessSeries>(Long);
    }

    [Fact]
    public void A_surge_confined_to_one_platform_and_page_is_reported_with_them_as_its_drivers()
    {
        var tracker = StartTracker();
        var traffic = new Traffic(Id);
        SendAll(tracker, Described(traffic, T0, WarmupSeconds, Normal, Usual));
        Assert.False(_leaderboard.HasMessages, "steady traffic must not alarm");

        // Ten times the traffic, all of the extra from the app on one page.
        SendAll(tracker, Described(traffic, T0 + WarmupSeconds, 20, Normal * 10,
            n => n % 10 == 0 ? Usual(n) : (Platform.App, StatusClass.Success, "/promo")));

        var started = _leaderboard.FishForMessage<SurgeChanged>(c => c.Surging && !c.Entry.Errors, Long, cancellationToken: Ct);
        var drivers = started.Entry.DriversOrEmpty;
        Assert.Contains(drivers, d => d is { Dimension: Dimension.Platform, Value: "app" });
        Assert.Contains(drivers, d => d is { Dimension: Dimension.Path, Value: "/promo" });
        Assert.All(drivers, d => Assert.True(d.Share > d.BaselineShare + DimensionBreakdown.MinGrowth, d.ToString()));

        var summary = Series(tracker).Dimensions!;
        Assert.Contains(summary.Drivers, d => d is { Dimension: Dimension.Path, Value: "/promo" });
        Assert.Equal("app", summary.ValuesOf(Dimension.Platform).First().Value); // the largest share now
        Assert.Contains(summary.ValuesOf(Dimension.Path), v => v.Value == "/page-0");
        // Minutes into the surge its traffic has not become its own baseline (without the freeze, "normally" would be
        // about 80% by now): the drivers are still named.
        SendAll(tracker, Described(traffic, T0 + WarmupSeconds + 20, 180, Normal * 10,
            n => n % 10 == 0 ? Usual(n) : (Platform.App, StatusClass.Success, "/promo")));
        var later = Series(tracker);
        Assert.True(later.Surging);
        Assert.Contains(later.Dimensions!.Drivers, d => d is { Dimension: Dimension.Platform, Value: "app" } && d.BaselineShare < 0.5);
        Assert.Contains(later.Dimensions.Drivers, d => d is { Dimension: Dimension.Path, Value: "/promo" } && d.BaselineShare < 0.5);

        // 97 distinct users in the stream; the sketch's 13% standard error, three times over.
        Assert.InRange(summary.UsersLastHour, 97 * (1 - 3 * summary.UsersStandardError), 97 * (1 + 3 * summary.UsersStandardError));
    }

    [Fact]
    public void An_error_burst_is_an_error_surge_that_ends_when_the_errors_stop()
    {
        var tracker = StartTracker();
        var traffic = new Traffic(Id);
        SendAll(tracker, Described(traffic, T0, WarmupSeconds, Normal, Usual));
        Assert.False(_leaderboard.HasMessages, "a steady 2% error share must not alarm");

        // Same traffic, 40% server errors: no traffic surge, an error surge.
        SendAll(tracker, Described(traffic, T0 + WarmupSeconds, 60, Normal,
            n => (Platform.Web, n % 5 < 2 ? StatusClass.ServerError : StatusClass.Success, "/checkout")));

        var started = _leaderboard.ExpectMsg<SurgeChanged>(Long, cancellationToken: Ct);
        Assert.True(started.Surging && started.Entry.Errors, started.ToString());
        Assert.True(started.Entry.Score >= DetectorSettings.Default.EnterSeverity, $"score {started.Entry.Score}");
        Assert.InRange(started.Entry.Ratio, DimensionSettings.Default.MinErrorShare, 0.41); // the 5xx share now
        Assert.InRange(started.Entry.Baseline, 0.0, 0.1); // usually about 2%
        var summary = Series(tracker).Dimensions!;
        Assert.True(summary.ErrorSurging);
        Assert.Equal(started.Entry.SinceMs, summary.ErrorSinceMs);
        Assert.False(Series(tracker).Surging, "the traffic itself did not surge");

        SendAll(tracker, Described(traffic, T0 + WarmupSeconds + 60, 300, Normal, Usual));

        var ended = _leaderboard.FishForMessage<SurgeChanged>(c => c.Entry.Errors && !c.Surging, Long, cancellationToken: Ct);
        Assert.Equal(started.Entry.SinceMs, ended.Entry.SinceMs);
        Assert.False(Series(tracker).Dimensions!.ErrorSurging);
    }

    [Fact]
    public void A_quiet_business_keeps_no_breakdown_and_a_busy_one_does()
    {
        var tracker = StartTracker();
        var traffic = new Traffic(Id);

        SendAll(tracker, Described(traffic, T0, 60, 1, Usual)); // 60 events a minute
        Assert.NotNull(Series(tracker).Dimensions);

        var quiet = Sys.ActorOf(ShardTracker.PropsFor("biz-quiet", Settings(), _leaderboard.Ref, _clock));
        var few = new Traffic("biz-quiet");
        foreach (var batch in Described(few, T0, 60, 1, Usual).Where((_, i) => i % 3 == 0)) // 20 a minute
        {
            quiet.Tell(batch, TestActor);
            ExpectMsg<TrafficBatchAck>(Long, cancellationToken: Ct);
        }
        quiet.Tell(new GetBusinessSeries("biz-quiet"), TestActor);
        var series = ExpectMsg<BusinessSeries>(Long, cancellationToken: Ct);
        Assert.Equal(20, series.Total);
        Assert.Null(series.Dimensions);
    }

    [Fact]
    public void With_dimensions_off_no_business_keeps_a_breakdown()
    {
        var tracker = StartTracker(DimensionSettings.Disabled);

        SendAll(tracker, Described(new Traffic(Id), T0, 60, Normal, Usual));

        Assert.Null(Series(tracker).Dimensions);
    }
}
