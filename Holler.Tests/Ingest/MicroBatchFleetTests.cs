using System.Text;
using Holler.Domain;
using Holler.Domain.Catalog;
using Holler.Domain.Fleet;
using Holler.Ingest;
using static Holler.Tests.Support.Traffic;

namespace Holler.Tests.Ingest;

/// <summary>A micro-batch counts its accepted events for the fleet views, by the catalog's category and state.</summary>
public sealed class MicroBatchFleetTests
{
    private const long NowMs = (T0 + 10) * 1000;

    private static ConsumedRecord Record(string business, long offset, long second, int? status = null) =>
        new(Encoding.UTF8.GetBytes(business),
            Encoding.UTF8.GetBytes(status is { } s
                ? $$"""{"business_id":"{{business}}","ts":{{second * 1000}},"status":{{s}}}"""
                : $$"""{"business_id":"{{business}}","ts":{{second * 1000}}}"""),
            0, offset, offset + 100);

    [Fact]
    public void Accepted_events_are_counted_per_second_with_their_5xx_category_and_state_and_rejects_are_not()
    {
        var catalog = new BusinessCatalog([
            new BusinessInfo("ny", "Deli", "Delis", "New York", 40.71, -74.0),
            new BusinessInfo("la", "Taco", "Mexican", "Los Angeles", 34.05, -118.24),
        ]);
        var records = new[]
        {
            Record("ny", 1, T0, 200), Record("ny", 2, T0, 503), Record("la", 3, T0, 200), Record("la", 4, T0 + 1),
            Record("stranger", 5, T0 + 1, 500),
            new ConsumedRecord([], Encoding.UTF8.GetBytes("not json"), 0, 6, 106),
        };

        var batch = MicroBatch.From(records, NowMs, ParseLimits.Default, shards: 4, fleet: new FleetDirectory(catalog));

        var seconds = batch.Fleet!.Drain();
        Assert.Equal([T0, T0 + 1], seconds.Select(s => s.Second));
        Assert.Equal((3, 1), (seconds[0].Events, seconds[0].Errors));
        Assert.Equal(new Dictionary<string, long> { ["Delis"] = 2, ["Mexican"] = 1 }, seconds[0].Counts["category"]);
        Assert.Equal(new Dictionary<string, long> { ["36"] = 2, ["06"] = 1 }, seconds[0].Counts["state"]);
        // The stranger is not in the catalog: in the totals, in no slice.
        Assert.Equal((2, 1), (seconds[1].Events, seconds[1].Errors));
        Assert.Equal(new Dictionary<string, long> { ["Mexican"] = 1 }, seconds[1].Counts["category"]);
        Assert.Equal(batch.Accepted, seconds.Sum(s => s.Events));
    }

    [Fact]
    public void An_events_own_region_places_it_when_it_names_a_US_county_and_the_catalog_places_it_otherwise()
    {
        var catalog = new BusinessCatalog([new BusinessInfo("ny", "Deli", "Delis", "New York", 40.71, -74.0)]);
        static ConsumedRecord WithRegion(string business, long offset, string region) => new(Encoding.UTF8.GetBytes(business),
            Encoding.UTF8.GetBytes($$"""{"business_id":"{{business}}","ts":{{T0 * 1000}},"region":"{{region}}"}"""), 0, offset, offset + 100);
        var records = new[]
        {
            WithRegion("ny", 1, "US-TX-48201"), WithRegion("ny", 2, "US-TX-48201"), WithRegion("ny", 3, "CA-ON-3520"),
            Record("ny", 4, T0), WithRegion("stranger", 5, "US-CA-06037"), WithRegion("stranger", 6, "CA-ON-3520"),
        };

        var batch = MicroBatch.From(records, NowMs, ParseLimits.Default, shards: 4, values: new DimensionValuePool(),
            fleet: new FleetDirectory(catalog));

        var second = Assert.Single(batch.Fleet!.Drain());
        Assert.Equal(6, second.Events);
        Assert.Equal(new Dictionary<string, long> { ["Delis"] = 4 }, second.Counts["category"]);
        // Houston twice (the visitors' region), New York twice (a region without a US county, and none), Los Angeles once
        // for the stranger; the stranger's Canadian visit counts in the totals only.
        Assert.Equal(new Dictionary<string, long> { ["48"] = 2, ["36"] = 2, ["06"] = 1 }, second.Counts["state"]);
        Assert.Equal(new Dictionary<string, long> { ["48201"] = 2, ["36061"] = 2, ["06037"] = 1 }, second.Counts["county"]);
    }

    [Fact]
    public void Without_a_directory_nothing_is_counted() =>
        Assert.Null(MicroBatch.From([Record("ny", 1, T0)], NowMs, ParseLimits.Default, shards: 1).Fleet);
}
