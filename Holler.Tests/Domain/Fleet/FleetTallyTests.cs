using Holler.Domain.Catalog;
using Holler.Domain.Fleet;

namespace Holler.Tests.Domain.Fleet;

/// <summary>The ingest's per-second fleet counts: totals, 5xx, every dimension, merging, and their bounds.</summary>
public sealed class FleetTallyTests
{
    private const long Now = 1_750_000_000;

    private static FleetFacts Facts(long second, int status = 200, string? category = "Coffee", string? state = "36", string? county = "36061") =>
        new(second, status, category, state, county);

    [Fact]
    public void Counts_events_server_errors_and_each_dimension_per_second()
    {
        var tally = new FleetTally();
        tally.Add(Facts(Now), Now);
        tally.Add(Facts(Now, status: 503, category: "Pizza"), Now);
        tally.Add(Facts(Now, status: 404, state: "06", county: "06037"), Now);
        tally.Add(Facts(Now + 1, status: 500, category: null, state: null, county: null), Now);

        var seconds = tally.Drain();

        Assert.Equal([Now, Now + 1], seconds.Select(s => s.Second));
        var first = seconds[0];
        Assert.Equal(3, first.Events);
        Assert.Equal(1, first.Errors); // 404 is not a server error
        Assert.Equal(new Dictionary<string, long> { ["Coffee"] = 2, ["Pizza"] = 1 }, first.Counts["category"]);
        Assert.Equal(new Dictionary<string, long> { ["36"] = 2, ["06"] = 1 }, first.Counts["state"]);
        Assert.Equal(new Dictionary<string, long> { ["36061"] = 2, ["06037"] = 1 }, first.Counts["county"]);
        // An event the catalog does not place counts in the totals only.
        Assert.Equal((1, 1), (seconds[1].Events, seconds[1].Errors));
        Assert.Empty(seconds[1].Counts);
        Assert.True(tally.IsEmpty);
        Assert.Empty(tally.Drain());
    }

    [Fact]
    public void Merging_adds_counts_of_the_same_second_and_keeps_the_others()
    {
        var node = new FleetTally();
        node.Add(Facts(Now), Now);
        var batch = new FleetTally();
        batch.Add(Facts(Now, status: 502), Now);
        batch.Add(Facts(Now + 2, category: "Bars"), Now);

        node.Merge(batch);
        var seconds = node.Drain();

        Assert.Equal([Now, Now + 2], seconds.Select(s => s.Second));
        Assert.Equal((2, 1), (seconds[0].Events, seconds[0].Errors));
        Assert.Equal(2, seconds[0].Counts["category"]["Coffee"]);
        Assert.Equal(1, seconds[1].Counts["category"]["Bars"]);
    }

    [Fact]
    public void Seconds_older_than_the_views_hour_are_not_counted()
    {
        var tally = new FleetTally();
        tally.Add(Facts(Now - FleetTally.MaxAgeSeconds - 1), Now);
        tally.Add(Facts(Now - FleetTally.MaxAgeSeconds), Now);

        Assert.Equal([Now - FleetTally.MaxAgeSeconds], tally.Drain().Select(s => s.Second));
    }

    [Fact]
    public void A_dimension_keeps_at_most_its_maximum_of_values_per_second_and_counts_the_rest_as_other()
    {
        var tally = new FleetTally();
        var max = FleetDimensions.Category.MaxValues;
        for (var i = 0; i < max + 10; i++) tally.Add(Facts(Now, category: $"c{i}"), Now);

        var categories = Assert.Single(tally.Drain()).Counts["category"];

        Assert.Equal(max + 1, categories.Count);
        Assert.Equal(10, categories[FleetDimensions.Other]);
        Assert.Equal(max + 10, categories.Values.Sum());
    }

    [Fact]
    public void Counting_by_catalog_entry_gives_what_counting_each_events_facts_gives()
    {
        var catalog = BusinessCatalog.Synthetic(300);
        var directory = new FleetDirectory(catalog);
        string?[] regions = [null, "US-TX-48201", "CA-ON-3520", "US-NY-36061"];
        var byEntry = new FleetTally();
        var byFacts = new FleetTally();
        var random = new Random(7);
        for (var i = 0; i < 5_000; i++)
        {
            // -1: a business the catalog does not list.
            var entry = random.Next(-1, catalog.Count);
            var (second, status, region) = (Now - random.Next(3), random.Next(8) == 0 ? 503 : 200, regions[random.Next(regions.Length)]);
            byEntry.Add(directory, entry, second, status, Now, region);
            byFacts.Add(directory.Facts(entry >= 0 ? catalog[entry].Id : "not-listed", second, status, region), Now);
        }

        var expected = byFacts.Drain();
        var actual = byEntry.Drain();

        Assert.Equal(expected.Select(s => (s.Second, s.Events, s.Errors)), actual.Select(s => (s.Second, s.Events, s.Errors)));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Counts.Keys.Order(), actual[i].Counts.Keys.Order());
            foreach (var (dimension, values) in expected[i].Counts)
                Assert.Equal(values.OrderBy(v => v.Key), actual[i].Counts[dimension].OrderBy(v => v.Key));
        }
        Assert.True(expected[0].Counts["county"].Count > 1);
    }

    [Fact]
    public void Counting_by_catalog_entry_skips_seconds_older_than_the_views_hour()
    {
        var directory = new FleetDirectory(BusinessCatalog.Synthetic(10));
        var tally = new FleetTally();
        tally.Add(directory, 0, Now - FleetTally.MaxAgeSeconds - 1, 200, Now);
        tally.Add(directory, 0, Now - FleetTally.MaxAgeSeconds, 200, Now, "US-TX-48201");

        Assert.Equal([Now - FleetTally.MaxAgeSeconds], tally.Drain().Select(s => s.Second));
    }

    [Theory]
    [InlineData("US-NY-36061", "36", "36061")]
    [InlineData("US-CA-06037", "06", "06037")]
    [InlineData("CA-ON-3520", null, null)]
    [InlineData("US-NY", null, null)]
    [InlineData("US-NY-3606x", null, null)]
    [InlineData("", null, null)]
    [InlineData(null, null, null)]
    public void A_region_code_gives_its_state_and_county_only_in_the_US_with_a_five_digit_county(string? region, string? state, string? county) =>
        Assert.Equal((state, county), FleetRegion.Parse(region));
}
