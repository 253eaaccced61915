using Holler.Domain;
using Holler.Tracking;
using static Holler.Tests.Support.Traffic;

namespace Holler.Tests.Tracking;

/// <summary>A shard's recent-events lists without Akka: kept only while a business is surging or looked at, bounded in
/// number, and holding each applied event once.</summary>
public sealed class RecentEventsKeeperTests
{
    private static readonly long Start = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero).UtcTicks;
    private static readonly RecentEventsSettings Settings = new(PerBusiness: 10, MaxBusinesses: 3);
    private readonly HashSet<string> _surging = [];

    private RecentEventsKeeper Keeper(RecentEventsSettings? settings = null) => new(settings ?? Settings, _surging.Contains);

    /// <summary>Offsets from <paramref name="first"/>, alternating between businesses a and b, with every dimension set.</summary>
    private static TrafficBatch Batch(long first, int count, int partition = 0)
    {
        var builder = new BatchDimensions.Builder(count);
        for (var i = 0; i < count; i++)
        {
            var d = new EventDimensions(i % 3 == 0 ? Platform.Ios : Platform.Web, $"/p{first + i}", "search", "US-CA",
                (ulong)(first + i), 0);
            builder.Append(d, i % 4 == 0 ? StatusClass.ServerError : StatusClass.Success);
        }
        return new TrafficBatch(7, partition, first + count, ["a", "b"], [.. Enumerable.Range(0, count).Select(i => i % 2)],
            [.. Enumerable.Range(0, count).Select(i => first + i)], [.. Enumerable.Range(0, count).Select(i => T0 + i)],
            Dimensions: builder.Build());
    }

    private static GetRecentEvents Query(string id, RecentEventFilter? filter = null) => new(id, 100, filter ?? RecentEventFilter.All);

    private static long[] Offsets(RecentEventsPage page) => [.. page.Events.Select(e => e.Offset)];

    [Fact]
    public void Events_are_kept_for_a_viewed_business_and_not_for_others()
    {
        var keeper = Keeper();
        keeper.Record(Batch(0, 4), watermark: -1, Start); // nobody watches yet: nothing is kept

        var first = keeper.View(Query("a"), Start);
        keeper.Record(Batch(4, 6), watermark: 3, Start);
        var page = keeper.View(Query("a"), Start);

        Assert.Equal((RecentEventsWatch.Viewed, 0), (first.Watch, first.Held));
        Assert.Equal([8L, 6, 4], Offsets(page)); // a's events only (even offsets), newest first
        Assert.Equal(1, keeper.Count);
        var newest = page.Events[0];
        Assert.Equal((T0 + 4, 0, Platform.Web, StatusClass.ServerError, "/p8", "search", "US-CA", 8UL),
            (newest.Second, newest.Partition, newest.Platform, newest.Status, newest.Path, newest.Referrer, newest.Region, newest.User));
        Assert.Equal(new DateTimeOffset(Start, TimeSpan.Zero).AddMinutes(5).ToUnixTimeMilliseconds(), page.LeaseUntilMs);
    }

    [Fact]
    public void Events_at_or_below_the_watermark_or_behind_an_earlier_offset_are_not_kept_twice()
    {
        var keeper = Keeper();
        keeper.View(Query("a"), Start);
        keeper.Record(Batch(0, 6), -1, Start);

        keeper.Record(Batch(0, 6), watermark: 5, Start); // a redelivery
        // A re-fetch after a rebalance: offsets going back within one batch are applied already.
        var refetch = Batch(6, 4) with { Offsets = [6, 7, 2, 9] };
        keeper.Record(refetch, watermark: 5, Start);

        Assert.Equal([6L, 4, 2, 0], Offsets(keeper.View(Query("a"), Start)));
    }

    [Fact]
    public void The_filter_applies_to_what_is_kept()
    {
        var keeper = Keeper();
        keeper.View(Query("a"), Start);
        keeper.Record(Batch(0, 10), -1, Start);

        Assert.Equal([6L, 0], Offsets(keeper.View(Query("a", new RecentEventFilter(Platform: Platform.Ios)), Start)));
        Assert.Equal([8L, 4, 0], Offsets(keeper.View(Query("a", new RecentEventFilter(Status: StatusClass.ServerError)), Start)));
        Assert.Equal([4L], Offsets(keeper.View(Query("a", new RecentEventFilter(PathPrefix: "/p4")), Start)));
        Assert.Equal(5, keeper.View(Query("a", new RecentEventFilter(PathPrefix: "/p4")), Start).Held);
    }

    [Fact]
    public void A_lapsed_lease_drops_the_list_and_a_new_look_starts_it_empty()
    {
        var keeper = Keeper();
        keeper.View(Query("a"), Start);
        keeper.Record(Batch(0, 4), -1, Start);
        var fourMinutes = Start + TimeSpan.FromMinutes(4).Ticks;
        keeper.View(Query("a"), fourMinutes); // a look extends the lease to 4 + 5 minutes

        keeper.Sweep(Start + TimeSpan.FromMinutes(8).Ticks);
        Assert.Equal(1, keeper.Count);
        keeper.Sweep(Start + TimeSpan.FromMinutes(9).Ticks);

        Assert.Equal(0, keeper.Count);
        Assert.Empty(keeper.View(Query("a"), Start + TimeSpan.FromMinutes(9).Ticks).Events);
    }

    [Fact]
    public void A_surging_business_is_kept_without_a_look_and_after_its_lease_until_the_surge_ends()
    {
        var keeper = Keeper();
        _surging.Add("b");
        keeper.Hold("b");
        keeper.Record(Batch(0, 4), -1, Start);

        var later = Start + TimeSpan.FromMinutes(30).Ticks;
        keeper.Sweep(later);
        var page = keeper.View(Query("b"), later);
        Assert.Equal(RecentEventsWatch.Surging, page.Watch);
        Assert.Equal([3L, 1], Offsets(page));

        _surging.Remove("b");
        keeper.Sweep(later + TimeSpan.FromMinutes(6).Ticks);
        Assert.Equal(0, keeper.Count);
    }

    [Fact]
    public void The_number_of_lists_is_bounded_and_a_look_pushes_out_the_oldest_look_never_a_surge()
    {
        var keeper = Keeper();
        _surging.Add("surging");
        keeper.Hold("surging");
        keeper.View(Query("a"), Start);
        keeper.View(Query("b"), Start + 1);

        keeper.View(Query("c"), Start + 2); // full: a, looked at longest ago, goes
        keeper.Record(Batch(0, 4), -1, Start + 3);

        Assert.Equal(3, keeper.Count);
        Assert.Equal([3L, 1], Offsets(keeper.View(Query("b"), Start + 4)));
        Assert.Equal(RecentEventsWatch.Surging, keeper.View(Query("surging"), Start + 5).Watch);
        // Now b and surging are the newest looks besides c: the next newcomer pushes out c.
        keeper.View(Query("a"), Start + 6);
        Assert.Equal(3, keeper.Count);

        // A shard whose lists are all surging has no room for a look.
        _surging.UnionWith(["a", "b"]);
        var full = keeper.View(Query("d"), Start + 7);
        Assert.Equal((RecentEventsWatch.Full, 0), (full.Watch, full.Events.Length));
    }

    [Fact]
    public void Off_keeps_nothing()
    {
        var keeper = Keeper(new RecentEventsSettings(PerBusiness: 0));
        _surging.Add("a");
        keeper.Hold("a");
        keeper.Record(Batch(0, 4), -1, Start);

        Assert.Equal((RecentEventsWatch.Off, 0, 0), (keeper.View(Query("a"), Start).Watch, keeper.View(Query("a"), Start).Held, keeper.Count));
    }

    [Fact]
    public void A_batch_without_dimensions_still_shows_its_events()
    {
        var keeper = Keeper();
        keeper.View(Query("a"), Start);
        keeper.Record(Batch(0, 4) with { Dimensions = null }, -1, Start);

        var e = Assert.Single(keeper.View(Query("a", RecentEventFilter.All), Start).Events.Take(1));
        Assert.Equal((2L, Platform.Unknown, StatusClass.Unknown, (string?)null), (e.Offset, e.Platform, e.Status, e.Path));
    }
}
