using Holler.Domain.Detection;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;
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
    public void The_fresh_events_are_handed_out_business_by_business_in_offset_order_within_each()
    {
        var state = new ShardState(Settings);
        state.Apply(state.Summarise(Interleaved(), out _, out _)!, nowTicks: 1);
        // Offset 15 was applied; 16..20 interleave c, b and d; b has none fresh (its only event is a re-fetch).
        var batch = new TrafficBatch(7, 0, 21, ["c", "b", "d"], [0, 1, 2, 0, 2, 0], [16, 15, 17, 18, 19, 20],
            Enumerable.Repeat(T0 + 2, 6).ToArray());

        state.Summarise(batch, out var fresh, out _);

        Assert.Equal(5, fresh);
        // c: indexes 0, 3, 5; b: none; d: 2, 4.
        Assert.Equal([0, 3, 5, 2, 4], state.FreshByBusiness.ToArray());
        Assert.Equal([3, 3, 5], state.FreshEnds.ToArray());
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

    // ---- rhythms shared by category and time zone ----

    private const double ChicagoLatitude = 41.88, ChicagoLongitude = -87.63;

    /// <summary>Two shops and a café in Chicago; anything else is missing from the directory.</summary>
    private static readonly TrackerSettings WithDirectory = new(BaselineSettings.Default, DetectorSettings.Default,
        Directory: id => id switch
        {
            "shop-1" or "shop-2" => new BusinessPlace("retail", ChicagoLatitude, ChicagoLongitude),
            "cafe-1" => new BusinessPlace("cafe", ChicagoLatitude, ChicagoLongitude),
            "shop-ny" => new BusinessPlace("retail", 40.71, -74.01),
            _ => null,
        });

    private static readonly string[] Mixed = ["shop-1", "shop-2", "cafe-1", "stranger"];

    /// <summary>Every business of <paramref name="ids"/> gets <paramref name="perSecond"/> events in each second from
    /// <paramref name="from"/> on, as one batch of partition 0 starting at <paramref name="firstOffset"/>.</summary>
    private static TrafficBatch Steady(string[] ids, long from, int seconds, int perSecond, long firstOffset)
    {
        var businesses = new List<int>();
        var offsets = new List<long>();
        var times = new List<long>();
        for (var second = from; second < from + seconds; second++)
            for (var b = 0; b < ids.Length; b++)
                for (var k = 0; k < perSecond; k++)
                {
                    businesses.Add(b);
                    offsets.Add(firstOffset + offsets.Count);
                    times.Add(second);
                }
        return new TrafficBatch(7, 0, firstOffset + offsets.Count, ids, [.. businesses], [.. offsets], [.. times]);
    }

    /// <summary>Three hours whose rates differ by the hour, one batch a minute: enough for the rhythm to learn something.</summary>
    private static long Feed(ShardState state, string[] ids, long offset = 0, long start = T0, int hours = 3)
    {
        for (var minute = 0; minute < hours * 60; minute++)
        {
            var batch = Steady(ids, start + minute * 60, 60, perSecond: 1 + minute / 60 % 3, offset);
            offset = batch.LogEndOffset;
            state.Apply(state.Summarise(batch, out _, out _)!, nowTicks: 1);
        }
        return offset;
    }

    [Fact]
    public void Businesses_of_one_category_share_one_rhythm_each_on_its_own_clock()
    {
        var state = new ShardState(WithDirectory);
        state.Apply(state.Summarise(Steady(Mixed, T0, 1, 1, 0), out _, out _)!, nowTicks: 1);

        var shops = state.Find("shop-1")!.Traffic.Group;
        Assert.Same(shops, state.Find("shop-2")!.Traffic.Group);
        Assert.Equal("retail", shops.Category);
        Assert.Equal("America/Chicago", state.Find("shop-1")!.Traffic.Zone.Id);
        Assert.Equal(2, shops.Members);

        var cafes = state.Find("cafe-1")!.Traffic.Group;
        Assert.NotSame(shops, cafes);
        Assert.Equal("cafe", cafes.Category);
        Assert.Equal("America/Chicago", state.Find("cafe-1")!.Traffic.Zone.Id);
        Assert.Equal(1, cafes.Members);

        // Missing from the directory: the unknown category's rhythm, on UTC.
        var unknown = state.Find("stranger")!.Traffic.Group;
        Assert.Equal(ShardState.UnknownCategory, unknown.Category);
        Assert.Equal(NodaTime.DateTimeZone.Utc, state.Find("stranger")!.Traffic.Zone);
        Assert.Equal(3, state.Groups.Count);

        // A shop in New York shares the retail rhythm, read on New York's clock: a lunch peak is at noon everywhere.
        state.Apply(state.Summarise(Steady(["shop-ny"], T0 + 1, 1, 1, 10), out _, out _)!, nowTicks: 2);
        Assert.Same(shops, state.Find("shop-ny")!.Traffic.Group);
        Assert.Equal("America/New_York", state.Find("shop-ny")!.Traffic.Zone.Id);
        Assert.Equal(3, shops.Members);
    }

    [Fact]
    public void Without_a_directory_every_business_shares_the_unknown_utc_rhythm()
    {
        var state = new ShardState(Settings);
        state.Apply(state.Summarise(Interleaved(), out _, out _)!, nowTicks: 1);

        var group = Assert.Single(state.Groups);
        Assert.Same(group, state.Find("a")!.Traffic.Group);
        Assert.Same(group, state.Find("b")!.Traffic.Group);
        Assert.Equal(ShardState.UnknownCategory, group.Key);
    }

    [Fact]
    public void A_snapshot_restores_the_shared_rhythms()
    {
        var state = new ShardState(WithDirectory);
        var offset = Feed(state, Mixed);
        Assert.All(state.Groups, g => Assert.Contains(g.Profile.Values.ToArray(), v => v != 0)); // they have learned something

        var restored = new ShardState(WithDirectory);
        restored.Restore(state.ToSnapshot(), nowTicks: 2);

        Assert.Equal(state.Groups.Select(g => g.Key).Order(), restored.Groups.Select(g => g.Key).Order());
        foreach (var group in state.Groups)
        {
            var copy = restored.Groups.Single(g => g.Key == group.Key);
            Assert.Equal(group.Profile.Values.ToArray(), copy.Profile.Values.ToArray());
            Assert.Equal(group.Profile.Visits.ToArray(), copy.Profile.Visits.ToArray());
            Assert.Equal(group.Members, copy.Members);
        }
        Assert.Same(restored.Find("shop-1")!.Traffic.Group, restored.Find("shop-2")!.Traffic.Group);

        // And recovery equals the uninterrupted run: both go on learning and expecting alike.
        var end = T0 + 3 * 3600;
        Feed(state, Mixed, offset, end, hours: 1);
        Feed(restored, Mixed, offset, end, hours: 1);
        foreach (var id in Mixed)
        {
            Assert.Equal(state.Find(id)!.Traffic.Expected, restored.Find(id)!.Traffic.Expected);
            Assert.Equal(state.Find(id)!.Traffic.Baseline.Level, restored.Find(id)!.Traffic.Baseline.Level);
            Assert.Equal(state.Find(id)!.Traffic.Baseline.Spread, restored.Find(id)!.Traffic.Baseline.Spread);
        }
        foreach (var group in state.Groups)
            Assert.Equal(group.Profile.Values.ToArray(), restored.Groups.Single(g => g.Key == group.Key).Profile.Values.ToArray());
    }
}
