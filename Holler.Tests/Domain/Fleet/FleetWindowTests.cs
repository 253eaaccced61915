using Holler.Domain.Fleet;

namespace Holler.Tests.Domain.Fleet;

/// <summary>The web node's hour of fleet traffic: summed over nodes, bucketed, bounded, and what a snapshot shows.</summary>
public sealed class FleetWindowTests
{
    // A bucket boundary, so seconds Now … Now + 9 share a bucket.
    private const long Now = 1_750_000_000;

    private static FleetSecond Second(long second, long events, long errors = 0, Dictionary<string, long>? categories = null,
        Dictionary<string, long>? states = null)
    {
        var counts = new Dictionary<string, IReadOnlyDictionary<string, long>>();
        if (categories is not null) counts["category"] = categories;
        if (states is not null) counts["state"] = states;
        return new FleetSecond(second, events, errors, counts);
    }

    [Fact]
    public void Two_nodes_counts_of_the_same_seconds_add_up_and_the_rate_is_over_the_last_complete_buckets()
    {
        var window = new FleetWindow();
        for (var s = Now - 20; s < Now + 10; s++)
        {
            window.Add(Second(s, 30, errors: 3, states: new() { ["36"] = 30 }));   // node 1
            window.Add(Second(s, 20, errors: 0, states: new() { ["06"] = 20 }));   // node 2
        }
        // The bucket holding now is still filling: it shows in the series but not in the rate.
        window.Add(Second(Now + 10, 1_000));

        var snapshot = window.Snapshot(Now + 12);

        Assert.Equal(50, snapshot.EventsPerSecond);
        Assert.Equal(90 / 1_500.0, snapshot.ErrorShare, 9);
        Assert.Equal(2_500, snapshot.TotalEvents);
        Assert.Equal(FleetWindow.Buckets, snapshot.BucketStarts.Count);
        Assert.Equal(Now + 10, snapshot.BucketStarts[^1]);
        Assert.Equal([500L, 1_000], snapshot.Events.TakeLast(2));
        Assert.Equal(new Dictionary<string, long> { ["36"] = 900, ["06"] = 600 }, snapshot.TrafficByState);
    }

    [Fact]
    public void Categories_stack_as_the_busiest_few_and_other_per_bucket()
    {
        var window = new FleetWindow();
        window.Add(Second(Now, 10, categories: new() { ["Coffee"] = 6, ["Pizza"] = 3, ["Bars"] = 1 }));
        window.Add(Second(Now + 10, 10, categories: new() { ["Coffee"] = 2, ["Pizza"] = 8 }));

        var series = window.Snapshot(Now + 25, topCategories: 2).ByCategory;

        Assert.Equal(["Pizza", "Coffee", FleetDimensions.Other], series.Select(s => s.Value));
        Assert.Equal([3L, 8, 0], series[0].Counts.TakeLast(3));
        Assert.Equal([6L, 2, 0], series[1].Counts.TakeLast(3));
        Assert.Equal([1L, 0, 0], series[2].Counts.TakeLast(3));
        // Every band has one value per bucket, so the stack lines up.
        Assert.All(series, s => Assert.Equal(FleetWindow.Buckets, s.Counts.Count));
    }

    [Fact]
    public void It_keeps_one_hour_and_forgets_what_is_older()
    {
        var window = new FleetWindow();
        window.Add(Second(Now, 7));
        window.Add(Second(Now + 3_590, 5));

        Assert.Equal(12, window.Snapshot(Now + 3_595).TotalEvents);
        // A bucket an hour on reuses the old one's slot: the old counts are gone, not added.
        window.Add(Second(Now + 3_600, 4));
        var later = window.Snapshot(Now + 3_605);
        Assert.Equal(9, later.TotalEvents);
        // And a second older than the hour kept is ignored rather than written over a newer bucket.
        window.Add(Second(Now - 10, 100));
        Assert.Equal(9, window.Snapshot(Now + 3_605).TotalEvents);
    }

    [Fact]
    public void Recent_traffic_by_state_covers_only_the_last_minutes()
    {
        var window = new FleetWindow();
        window.Add(Second(Now, 5, states: new() { ["36"] = 5 }));
        window.Add(Second(Now + 600, 2, states: new() { ["06"] = 2 }));

        var snapshot = window.Snapshot(Now + 610, recentSeconds: 300);

        Assert.Equal(new Dictionary<string, long> { ["06"] = 2 }, snapshot.TrafficByState);
    }

    [Fact]
    public void Surging_businesses_group_by_their_state_with_the_top_severity()
    {
        var states = new Dictionary<string, string?> { ["a"] = "36", ["b"] = "36", ["c"] = "06", ["d"] = null };

        var bySt = StateSurges.Of([("a", 9.5), ("b", 30), ("c", 8), ("d", 50), ("unknown", 40)], id => states.GetValueOrDefault(id));

        Assert.Equal(new StateSurges("36", 2, 30), bySt["36"]);
        Assert.Equal(new StateSurges("06", 1, 8), bySt["06"]);
        Assert.Equal(2, bySt.Count);
    }
}
