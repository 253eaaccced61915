using Holler.Domain.Catalog;
using Holler.Domain.Detection;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;
using Holler.Serialization;
using Holler.Tracking;
using static Holler.Tests.Support.Traffic;

namespace Holler.Tests.Tracking;

/// <summary>Checkpoints written straight from live state (format SS3): they must carry everything a
/// <see cref="TrackerSnapshot"/> (SS2) carries, and restore a shard that goes on exactly as the one written.</summary>
public sealed class ShardCheckpointTests
{
    private static readonly TrackerSettings WithDirectory = new(BaselineSettings.Default, DetectorSettings.Default,
        Directory: id => id switch
        {
            "shop-1" or "shop-2" => new BusinessPlace("retail", 41.88, -87.63),
            "cafe-1" => new BusinessPlace("cafe", 40.71, -74.01),
            _ => null,
        });

    private static readonly string[] Ids = ["shop-1", "shop-2", "cafe-1", "stranger", "biz-ü"];

    /// <summary>Every id gets <paramref name="perSecond"/>(its index) events in each second, one batch of
    /// <paramref name="partition"/> from <paramref name="offset"/>.</summary>
    private static TrafficBatch Steady(long from, int seconds, Func<int, int> perSecond, int partition, long offset)
    {
        var businesses = new List<int>();
        var offsets = new List<long>();
        var times = new List<long>();
        for (var second = from; second < from + seconds; second++)
            for (var b = 0; b < Ids.Length; b++)
                for (var k = 0; k < perSecond(b); k++)
                {
                    businesses.Add(b);
                    offsets.Add(offset + offsets.Count);
                    times.Add(second);
                }
        return new TrafficBatch(7, partition, offset + offsets.Count, Ids, [.. businesses], [.. offsets], [.. times]);
    }

    private static void Apply(ShardState state, TrafficBatch batch)
    {
        var recorded = state.Summarise(batch, out _, out _);
        if (recorded is null) return;
        foreach (var business in state.Apply(recorded, nowTicks: 1)) business.Traffic.Evaluate();
    }

    /// <summary>Three hours of traffic on two partitions (rhythms learned, baselines warm, some businesses quiet in some
    /// seconds), then a surge on one, a drop on another, and a late event: every kind of field set.</summary>
    private static ShardState Busy()
    {
        var state = new ShardState(WithDirectory);
        long offset = 0, other = 1_000_000_000_000;
        for (var minute = 0; minute < 180; minute++)
        {
            var start = T0 + minute * 60;
            var batch = Steady(start, 60, b => (b + minute / 60) % 3 == 0 ? 0 : 1 + (b + minute) % 4, 0, offset);
            offset = batch.LogEndOffset;
            Apply(state, batch);
            var second = Steady(start + 30, 1, b => b == 3 ? 2 : 0, 5, other);
            other = second.LogEndOffset;
            Apply(state, second);
        }
        var end = T0 + 180 * 60;
        var surge = Steady(end, 30, b => b switch { 0 => 60, 1 => 0, _ => 2 }, 0, offset);
        Apply(state, surge);
        Apply(state, Steady(end - 600, 1, b => b == 4 ? 3 : 0, 0, surge.LogEndOffset));
        return state;
    }

    /// <summary>A snapshot as SS2 bytes: comparing them compares every field a snapshot carries.</summary>
    private static byte[] Ss2(ShardState state) => new HollerSerializer(null!).ToBinary(state.ToSnapshot());

    [Fact]
    public void A_checkpoint_carries_every_field_a_snapshot_carries()
    {
        var state = Busy();
        Assert.True(state.Find("shop-1")!.Traffic.Detector.IsSurging); // the scenario covers what it claims
        Assert.True(state.Find("biz-ü")!.Traffic.Late > 0);
        Assert.Equal(2, state.Watermarks.Applied.Count);

        var restored = new ShardState(WithDirectory);
        restored.Restore(state.ToCheckpoint(), nowTicks: 2);

        Assert.Equal(Ss2(state), Ss2(restored));
        foreach (var group in state.Groups) Assert.Equal(group.Members, restored.Groups.Single(g => g.Key == group.Key).Members);
    }

    [Fact]
    public void A_restored_checkpoint_goes_on_as_the_shard_it_was_written_from()
    {
        var state = Busy();
        var restored = new ShardState(WithDirectory);
        restored.Restore(state.ToCheckpoint(), nowTicks: 2);

        var next = T0 + 180 * 60 + 30;
        for (var minute = 0; minute < 30; minute++)
        {
            var batch = Steady(next + minute * 60, 60, b => 1 + b % 2, 0, 10_000_000 + minute * 1_000);
            Apply(state, batch);
            Apply(restored, batch);
        }

        Assert.Equal(Ss2(state), Ss2(restored));
        foreach (var id in Ids) Assert.Equal(state.Find(id)!.Traffic.Expected, restored.Find(id)!.Traffic.Expected);
    }

    [Fact]
    public void A_checkpoint_restores_what_a_snapshot_of_the_same_shard_restores()
    {
        var state = Busy();

        var fromSnapshot = new ShardState(WithDirectory);
        fromSnapshot.Restore(state.ToSnapshot(), nowTicks: 2);
        var fromCheckpoint = new ShardState(WithDirectory);
        fromCheckpoint.Restore(state.ToCheckpoint(), nowTicks: 2);

        Assert.Equal(Ss2(fromSnapshot), Ss2(fromCheckpoint));
        foreach (var id in Ids)
        {
            Assert.Equal(fromSnapshot.Find(id)!.LastArrivalTicks, fromCheckpoint.Find(id)!.LastArrivalTicks);
            Assert.Equal(fromSnapshot.Find(id)!.HeadAtLastArrival, fromCheckpoint.Find(id)!.HeadAtLastArrival);
        }
        Assert.Equal(fromSnapshot.NewestAppliedSecond, fromCheckpoint.NewestAppliedSecond);
    }

    [Fact]
    public void An_empty_shard_and_a_business_without_events_round_trip()
    {
        var empty = new ShardState(TrackerSettings.Default);
        var restoredEmpty = new ShardState(TrackerSettings.Default);
        restoredEmpty.Restore(empty.ToCheckpoint(), nowTicks: 2);
        Assert.Equal(0, restoredEmpty.Count);
        Assert.Equal(Ss2(empty), Ss2(restoredEmpty));

        // Only a snapshot can hold a business whose window never had an event (head long.MinValue).
        var never = new ShardState(TrackerSettings.Default);
        never.Restore(new TrackerSnapshot(new Dictionary<int, long>(), long.MinValue, ["biz-new"],
            [new BusinessTraffic(BaselineSettings.Default, DetectorSettings.Default).ToState()], []), nowTicks: 1);
        var restored = new ShardState(TrackerSettings.Default);
        restored.Restore(never.ToCheckpoint(), nowTicks: 2);
        Assert.True(restored.Find("biz-new")!.Traffic.Window.IsEmpty);
        Assert.Equal(Ss2(never), Ss2(restored));
    }

    [Fact]
    public void A_quiet_business_takes_a_fraction_of_the_bytes_it_took_in_a_snapshot()
    {
        // Most of a busy node's businesses are quiet: most of their seconds and minutes are zeros.
        var state = new ShardState(TrackerSettings.Default);
        var ids = Enumerable.Range(0, 1_000).Select(i => $"biz-{i}").ToArray();
        for (var second = 0; second < 300; second += 10)
        {
            var seconds = Enumerable.Repeat(T0 + second, ids.Length).ToArray();
            var offsets = Enumerable.Range(second * ids.Length, ids.Length).Select(o => (long)o).ToArray();
            Apply(state, new TrafficBatch(7, 0, offsets[^1] + 1, ids, Enumerable.Range(0, ids.Length).ToArray(), offsets, seconds));
        }

        var checkpoint = state.ToCheckpoint().Bytes.Length;
        var snapshot = Ss2(state).Length;
        Assert.True(checkpoint * 3 < snapshot, $"checkpoint {checkpoint:N0} B, snapshot {snapshot:N0} B");
        var restored = new ShardState(TrackerSettings.Default);
        restored.Restore(state.ToCheckpoint(), nowTicks: 2);
        Assert.Equal(Ss2(state), Ss2(restored));
    }

    [Fact]
    public void A_cut_checkpoint_fails_its_recovery_instead_of_restoring_part_of_the_shard()
    {
        var bytes = Busy().ToCheckpoint().Bytes;

        foreach (var length in new[] { 0, 1, bytes.Length / 2, bytes.Length - 1 })
        {
            var cut = new ShardCheckpoint(bytes[..length]);
            Assert.Throws<InvalidDataException>(() => new ShardState(WithDirectory).Restore(cut, nowTicks: 2));
        }
        var longer = new ShardCheckpoint([.. bytes, 0]);
        Assert.Throws<InvalidDataException>(() => new ShardState(WithDirectory).Restore(longer, nowTicks: 2));
    }
}
