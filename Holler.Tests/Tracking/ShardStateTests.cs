using Holler.Tests.Support;
using Holler.Tracking;
using static Holler.Tests.Support.Traffic;

namespace Holler.Tests.Tracking;

/// <summary>A shard tracker's state without Akka: several businesses share one batch, one event and one set of
/// watermarks, and each keeps its own traffic.</summary>
public sealed class ShardStateTests
{
    private static readonly TrackerSettings Settings = TrackerSettings.Default;

    /// <summary>Offsets 10..15 of partition 0, alternating between two businesses, a and b.</summary>
    private static TrafficBatch Interleaved(long logEnd = 16) => new(
        Shard: 7, Partition: 0, LogEndOffset: logEnd, BusinessIds: ["a", "b"], Businesses: [0, 1, 0, 1, 0, 1],
        Offsets: [10, 11, 12, 13, 14, 15], Seconds: [T0, T0, T0, T0 + 1, T0 + 1, T0 + 1]);

    [Fact]
    public void A_batch_becomes_runs_per_business_in_one_event()
    {
        var state = new ShardState(Settings);

        var recorded = state.Summarise(Interleaved(), out var fresh, out var recreated)!;

        Assert.Equal(6, fresh);
        Assert.False(recreated);
        Assert.Equal(15, recorded.LastOffset);
        Assert.Equal(["a", "b"], recorded.BusinessIds);
        Assert.Equal([2, 4], recorded.RunEnds);
        Assert.Equal([T0, T0 + 1, T0, T0 + 1], recorded.Seconds);
        Assert.Equal([2, 1, 1, 2], recorded.Counts);
    }

    [Fact]
    public void Applying_keeps_each_business_apart_and_moves_the_shards_watermark()
    {
        var state = new ShardState(Settings);

        var touched = state.Apply(state.Summarise(Interleaved(), out _, out _)!, nowTicks: 1);

        Assert.Equal(["a", "b"], touched.Select(b => b.Id));
        Assert.Equal(3, state.Find("a")!.Traffic.Total);
        Assert.Equal(3, state.Find("b")!.Traffic.Total);
        Assert.Equal(T0 + 1, state.Find("b")!.Traffic.Window.HeadSecond);
        Assert.Equal(15, state.Watermarks.Applied[0]);
        Assert.Equal(T0 + 1, state.NewestAppliedSecond);
        Assert.Null(state.Find("c"));
    }

    [Fact]
    public void A_redelivered_batch_is_all_duplicates_whichever_business_its_events_belong_to()
    {
        var state = new ShardState(Settings);
        state.Apply(state.Summarise(Interleaved(), out _, out _)!, nowTicks: 1);

        var again = state.Summarise(Interleaved(), out var fresh, out _);

        Assert.Null(again);
        Assert.Equal(0, fresh);
    }

    [Fact]
    public void Only_offsets_above_the_shards_watermark_are_new()
    {
        var state = new ShardState(Settings);
        state.Apply(state.Summarise(Interleaved(), out _, out _)!, nowTicks: 1);
        var overlapping = new TrafficBatch(7, 0, 18, ["b", "c"], [0, 1, 1], [15, 16, 17], [T0 + 1, T0 + 2, T0 + 2]);

        var recorded = state.Summarise(overlapping, out var fresh, out _)!;

        Assert.Equal(2, fresh);
        Assert.Equal(["c"], recorded.BusinessIds);
        Assert.Equal([2], recorded.Counts);
    }

    [Fact]
    public void A_snapshot_restores_every_business_and_the_watermarks()
    {
        var state = new ShardState(Settings);
        state.Apply(state.Summarise(Interleaved(), out _, out _)!, nowTicks: 1);

        var restored = new ShardState(Settings);
        restored.Restore(state.ToSnapshot(), nowTicks: 2);

        Assert.Equal(2, restored.Count);
        Assert.Equal(state.Find("a")!.Traffic.ToState().WindowCounts, restored.Find("a")!.Traffic.ToState().WindowCounts);
        Assert.Equal(3, restored.Find("b")!.Traffic.Total);
        Assert.Equal(15, restored.Watermarks.Applied[0]);
        Assert.Null(restored.Summarise(Interleaved(), out _, out _));
    }

    [Fact]
    public void Shards_are_stable_and_spread()
    {
        // Every node must agree on a business's shard; a fixed hash of the id does, run to run and process to process.
        Assert.Equal(TrackerShards.ShardOf("biz-1", 100), TrackerShards.ShardOf("biz-1", 100));
        Assert.Equal(TrackerShards.ShardOf("biz-1", 100), ShardOf("biz-1"));
        var used = Enumerable.Range(0, 10_000).Select(i => TrackerShards.ShardOf($"biz-{i}", 100)).GroupBy(s => s).ToList();
        Assert.Equal(100, used.Count);
        Assert.All(used, g => Assert.InRange(g.Count(), 50, 150));
    }
}
