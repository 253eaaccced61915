using Akka.Actor;
using Akka.TestKit;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;
using Holler.Tests.Support;
using Holler.Tracking;
using static Holler.Tests.Support.Traffic;

namespace Holler.Tests.Actors;

/// <summary>Checkpoint durability on SQLite: acknowledged at once, durable only once a checkpoint is saved, and a
/// tracker that lost acknowledged events refuses to apply past them.</summary>
public sealed class ShardTrackerCheckpointTests(ITestOutputHelper output)
    : PersistenceTestKit(StorageBackend.Sqlite, "ShardTrackerCheckpointTests", output)
{
    private const string Id = "biz-1";
    private readonly ManualClock _clock = new();

    // A checkpoint is never due on its own (an hour apart): each test asks for the ones it wants.
    private static readonly TrackerSettings Settings = new(
        BaselineSettings.Default, DetectorSettings.Default, TickInterval: TimeSpan.FromMilliseconds(50),
        MinSnapshotInterval: TimeSpan.FromHours(1));

    private IActorRef StartTracker() =>
        Sys.ActorOf(ShardTracker.PropsFor(Id, Settings, CreateTestProbe().Ref, _clock));

    private TrafficBatchAck Send(IActorRef tracker, TrafficBatch batch)
    {
        tracker.Tell(batch, TestActor);
        return ExpectMsg<TrafficBatchAck>(Long);
    }

    private ShardDurable Ask(IActorRef tracker, bool force, long sentUpTo)
    {
        tracker.Tell(new CheckpointRequest(ShardOf(Id), force, new Dictionary<int, long> { [0] = sentUpTo }), TestActor);
        return ExpectMsg<ShardDurable>(Long);
    }

    private long Total(IActorRef tracker)
    {
        tracker.Tell(new GetBusinessSeries(Id), TestActor);
        return ExpectMsg<BusinessSeries>(Long).Total;
    }

    [Fact]
    public void A_batch_is_acknowledged_at_once_and_durable_only_after_a_checkpoint()
    {
        var tracker = StartTracker();
        var traffic = new Traffic(Id);

        var ack = Send(tracker, traffic.Next(T0, seconds: 2, perSecond: 3)); // offsets 0..5

        Assert.Equal((6, 0, -1L), (ack.Applied, ack.Duplicates, ack.DurableUpTo));
        Assert.Equal(-1L, Ask(tracker, force: false, sentUpTo: 5).DurableUpTo[0]);
        Assert.Equal(-1L, Ask(tracker, force: true, sentUpTo: 5).DurableUpTo[0]); // answered before the save
        AwaitAssert(() => Assert.Equal(5L, Ask(tracker, force: false, sentUpTo: 5).DurableUpTo[0]), Long, cancellationToken: Ct);
        Assert.Equal(5L, Send(tracker, traffic.Next(T0 + 2)).DurableUpTo);
    }

    [Fact]
    public void A_crash_brings_back_the_last_checkpoint_and_a_batch_past_the_gap_is_refused_until_redelivered()
    {
        var tracker = StartTracker();
        var traffic = new Traffic(Id);
        Send(tracker, traffic.Next(T0, seconds: 1, perSecond: 4)); // 0..3
        Ask(tracker, force: true, sentUpTo: 3);
        AwaitAssert(() => Assert.Equal(3L, Ask(tracker, force: false, sentUpTo: 3).DurableUpTo[0]), Long, cancellationToken: Ct);
        var lost = traffic.Next(T0 + 1, seconds: 1, perSecond: 2); // 4..5, acknowledged, never checkpointed
        Assert.Equal(2, Send(tracker, lost).Applied);
        Assert.Equal(6, Total(tracker));

        StopAndAwait(tracker, PoisonPill.Instance);
        var recovered = StartTracker();

        Assert.Equal(4, Total(recovered));
        Assert.True(Ask(recovered, force: false, sentUpTo: 5).Lost);
        // The ingest's next batch says it sent up to 5 before: applying it would skip 4..5 for good.
        var next = traffic.Next(T0 + 2) with { PreviousOffset = 5 };
        recovered.Tell(next, TestActor);
        Assert.Equal(new TrafficBatchBehind(ShardOf(Id), 0, 3), ExpectMsg<TrafficBatchBehind>(Long, cancellationToken: Ct));
        Assert.Equal(4, Total(recovered));
        // Re-read from the committed offset (at most the checkpoint's): the lost events come back, exactly once.
        Assert.Equal(2, Send(recovered, lost).Applied);
        Assert.Equal(1, Send(recovered, next with { PreviousOffset = 5 }).Applied);
        Assert.Equal(7, Total(recovered));
    }

    [Fact]
    public void Stopping_checkpoints_what_is_not_durable_first()
    {
        var tracker = StartTracker();
        var traffic = new Traffic(Id);
        Send(tracker, traffic.Next(T0, seconds: 3, perSecond: 2)); // 0..5

        StopAndAwait(tracker, StopTracker.Instance);
        var recovered = StartTracker();

        Assert.Equal(6, Total(recovered));
        var durable = Ask(recovered, force: false, sentUpTo: 5);
        Assert.Equal((5L, false), (durable.DurableUpTo[0], durable.Lost));
    }
}
