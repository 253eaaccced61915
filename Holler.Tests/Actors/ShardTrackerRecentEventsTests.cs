using Akka.Actor;
using Holler.Domain;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;
using Holler.Leaderboard;
using Holler.Tests.Support;
using Holler.Tracking;
using static Holler.Tests.Support.Traffic;

namespace Holler.Tests.Actors;

/// <summary>A shard tracker keeps the raw events of the businesses being watched (looked at within a lease, or
/// surging) and of no other; time is the test's clock.</summary>
public sealed class ShardTrackerRecentEventsTests(ITestOutputHelper output)
    : PersistenceTestKit(StorageBackend.Sqlite, "ShardTrackerRecentEventsTests", output)
{
    private const string Shard = "7";
    private readonly ManualClock _clock = new();

    private static readonly TrackerSettings Settings = new(
        BaselineSettings.Default, DetectorSettings.Default, TickInterval: TimeSpan.FromMilliseconds(50),
        MinSnapshotInterval: TimeSpan.FromHours(1));

    private IActorRef StartTracker(IActorRef? leaderboard = null) =>
        Sys.ActorOf(ShardTracker.PropsFor(Shard, Settings, leaderboard ?? CreateTestProbe().Ref, _clock));

    private long _nextOffset;

    /// <summary>Events alternating between businesses a and b; event i on iOS with a 5xx when i is even, else web 200.</summary>
    private TrafficBatch Batch(int count, long second = T0)
    {
        var builder = new BatchDimensions.Builder(count);
        var first = _nextOffset;
        for (var i = 0; i < count; i++)
        {
            var even = (first + i) % 2 == 0;
            builder.Append(new EventDimensions(even ? Platform.Ios : Platform.Web, $"/biz/x/page{first + i}", "search", "US-CA", 99, 0),
                even ? StatusClass.ServerError : StatusClass.Success);
        }
        _nextOffset += count;
        return new TrafficBatch(7, 0, _nextOffset, ["a", "b"], [.. Enumerable.Range(0, count).Select(i => (int)((first + i) % 2))],
            [.. Enumerable.Range(0, count).Select(i => first + i)], [.. Enumerable.Range(0, count).Select(_ => second)],
            Dimensions: builder.Build());
    }

    private void Send(IActorRef tracker, TrafficBatch batch)
    {
        tracker.Tell(batch, TestActor);
        ExpectMsg<TrafficBatchAck>(Long);
    }

    private RecentEventsPage Recent(IActorRef tracker, string id, RecentEventFilter? filter = null, int max = 50)
    {
        tracker.Tell(new GetRecentEvents(id, max, filter ?? RecentEventFilter.All), TestActor);
        return ExpectMsg<RecentEventsPage>(Long);
    }

    [Fact]
    public void Events_appear_for_a_viewed_business_and_not_for_one_nobody_watches()
    {
        var tracker = StartTracker();
        Send(tracker, Batch(4)); // before anyone looks: not kept

        var first = Recent(tracker, "a");
        Send(tracker, Batch(6)); // offsets 4..9
        Send(tracker, Batch(6) with { Offsets = [4, 5, 6, 7, 8, 9] }); // a redelivery shows nothing twice

        var page = Recent(tracker, "a");
        Assert.Equal((RecentEventsWatch.Viewed, 0), (first.Watch, first.Held));
        Assert.Equal([8L, 6, 4], page.Events.Select(e => e.Offset));
        Assert.All(page.Events, e => Assert.Equal((Platform.Ios, StatusClass.ServerError, T0), (e.Platform, e.Status, e.Second)));
        Assert.Equal("/biz/x/page8", page.Events[0].Path);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(5).ToUnixTimeMilliseconds(), page.LeaseUntilMs);
        // b was never looked at: its first look finds nothing kept.
        Assert.Equal(0, Recent(tracker, "b").Held);
    }

    [Fact]
    public void The_query_filters_by_platform_status_class_and_path()
    {
        var tracker = StartTracker();
        Recent(tracker, "b");
        Send(tracker, Batch(10)); // b holds offsets 1, 3, 5, 7, 9: web 2xx

        Assert.Equal(5, Recent(tracker, "b", new RecentEventFilter(Platform.Web)).Events.Length);
        Assert.Empty(Recent(tracker, "b", new RecentEventFilter(Status: StatusClass.ServerError)).Events);
        Assert.Equal([7L], Recent(tracker, "b", new RecentEventFilter(PathPrefix: "/biz/x/page7")).Events.Select(e => e.Offset));
        Assert.Equal([9L, 7], Recent(tracker, "b", max: 2).Events.Select(e => e.Offset));
    }

    [Fact]
    public void When_the_lease_ends_the_list_is_dropped()
    {
        var tracker = StartTracker();
        Recent(tracker, "a");
        Send(tracker, Batch(4));
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(2, Recent(tracker, "a").Held); // a look within the lease extends it to 4 + 5 minutes

        _clock.Advance(TimeSpan.FromMinutes(4));
        Send(tracker, Batch(2));
        Assert.Equal(3, Recent(tracker, "a").Held);

        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(0, Recent(tracker, "a").Held);
    }

    [Fact]
    public void A_surging_business_is_kept_without_anyone_looking()
    {
        var leaderboard = CreateTestProbe();
        var tracker = StartTracker(leaderboard.Ref);
        var traffic = new Traffic("a", partition: 1);
        for (var s = 0; s < 180; s++) Send(tracker, traffic.Next(T0 + s, 1, 10));
        for (var s = 180; s < 200; s++) Send(tracker, traffic.Next(T0 + s, 1, 100));
        Assert.True(leaderboard.FishForMessage<SurgeChanged>(m => m.BusinessId == "a", Long, cancellationToken: Ct).Surging);

        Send(tracker, traffic.Next(T0 + 200, 1, 3)); // the batch after the surge began is kept

        var page = Recent(tracker, "a", max: 200);
        Assert.Equal(RecentEventsWatch.Surging, page.Watch);
        Assert.Equal(traffic.NextOffset - 1, page.Events[0].Offset);
        Assert.True(page.Held >= 3, $"held {page.Held}");
        Assert.All(page.Events, e => Assert.Equal(1, e.Partition));
    }
}
