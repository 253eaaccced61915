using Holler.Ingest;
using Holler.Tracking;

namespace Holler.Tests.Ingest;

/// <summary>The ingest commits a partition only up to what every shard it fed has made durable.</summary>
public sealed class DurabilityLedgerTests
{
    private static TrafficBatch Batch(int shard, int partition, params long[] offsets) =>
        new(shard, partition, -1, ["b"], new int[offsets.Length], offsets, offsets.Select(_ => 0L).ToArray());

    private static Dictionary<int, long> Offsets(params (int Partition, long Offset)[] offsets) =>
        offsets.ToDictionary(o => o.Partition, o => o.Offset);

    [Fact]
    public void A_partition_is_committed_up_to_the_first_offset_a_shard_has_not_made_durable()
    {
        var ledger = new DurabilityLedger();
        ledger.Sent(Batch(1, 0, 0, 2, 4), 0);
        ledger.Sent(Batch(2, 0, 1, 3, 5), 0);
        ledger.Consumed(Offsets((0, 6)), Offsets((0, 600)));

        Assert.Equal(Offsets((0, 0)), ledger.TakeCommits()); // nothing durable: offset 0 is the first pending

        ledger.Durable(1, 0, 4);
        Assert.Equal(Offsets((0, 1)), ledger.TakeCommits()); // shard 2 still holds 1
        ledger.Durable(2, 0, 3); // not all of its batch: the batch stays pending
        Assert.Empty(ledger.TakeCommits());
        ledger.Durable(2, 0, 5);
        Assert.Equal(Offsets((0, 6)), ledger.TakeCommits());
        Assert.False(ledger.AnyPending);
    }

    [Fact]
    public void Later_batches_remember_what_was_sent_before_and_requests_force_checkpoints_when_idle_or_far_behind()
    {
        var ledger = new DurabilityLedger();
        Assert.Equal(-1, ledger.PreviousOffset(1, 0));
        ledger.Sent(Batch(1, 0, 0, 1), 0);
        Assert.Equal(1, ledger.PreviousOffset(1, 0));
        ledger.Consumed(Offsets((0, 2)), Offsets((0, 100)));

        var busy = Assert.Single(ledger.Requests(idle: false, nowTicks: 0));
        Assert.Equal((1, false, 1L), (busy.Shard, busy.Force, busy.SentUpTo[0]));
        Assert.True(Assert.Single(ledger.Requests(idle: true, nowTicks: 0)).Force);
        Assert.True(Assert.Single(ledger.Requests(idle: false, CheckpointTriggers.DefaultMaxDelay.Ticks)).Force);

        ledger.Consumed(Offsets((0, 3)), Offsets((0, CheckpointTriggers.DefaultBytes)));
        var far = CheckpointTriggers.DefaultMaxDelay.Ticks + CheckpointTriggers.DefaultMinInterval.Ticks;
        Assert.True(Assert.Single(ledger.Requests(idle: false, far)).Force);
        // Far behind but just asked: not again within the interval, unless the stream is idle.
        Assert.False(Assert.Single(ledger.Requests(idle: false, far + 1)).Force);
        Assert.True(Assert.Single(ledger.Requests(idle: true, far + 1)).Force);
    }

    [Fact]
    public void A_configured_bytes_trigger_forces_a_checkpoint_at_its_threshold_and_not_below()
    {
        var triggers = new CheckpointTriggers(Bytes: 8 << 20, MaxDelay: TimeSpan.FromHours(1), MinInterval: TimeSpan.Zero);
        var ledger = new DurabilityLedger(triggers);
        ledger.Sent(Batch(1, 0, 0, 1), 0);
        ledger.Consumed(Offsets((0, 2)), Offsets((0, CheckpointTriggers.DefaultBytes * 4)));
        Assert.Equal(Offsets((0, 0)), ledger.TakeCommits()); // nothing durable yet

        // Four times the default's bytes uncommitted: the default would have forced one, 8 MiB does not yet.
        Assert.False(Assert.Single(ledger.Requests(idle: false, nowTicks: 1)).Force);

        ledger.Sent(Batch(1, 0, 2), 1);
        ledger.Consumed(Offsets((0, 3)), Offsets((0, (8 << 20) - CheckpointTriggers.DefaultBytes * 4)));
        Assert.True(Assert.Single(ledger.Requests(idle: false, nowTicks: 2)).Force);
        // No least interval configured: asked again at the next tick while still that far behind.
        Assert.True(Assert.Single(ledger.Requests(idle: false, nowTicks: 3)).Force);

        // Once durable and committed, the bytes no longer count.
        ledger.Durable(1, 0, 2);
        Assert.Equal(Offsets((0, 3)), ledger.TakeCommits());
        Assert.Empty(ledger.Requests(idle: false, nowTicks: 4));
    }
}
