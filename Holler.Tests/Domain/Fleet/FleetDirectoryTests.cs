using Holler.Domain.Catalog;
using Holler.Domain.Fleet;

namespace Holler.Tests.Domain.Fleet;

/// <summary>Where the ingest finds a business's category, state and county for the fleet views.</summary>
public sealed class FleetDirectoryTests
{
    [Fact]
    public void A_synthetic_business_gets_its_category_and_its_metros_state_and_county()
    {
        var catalog = BusinessCatalog.Synthetic(500);
        var directory = new FleetDirectory(catalog);
        var metros = MetroAreas.All.ToDictionary(m => m.Name);

        foreach (var business in catalog.All)
        {
            var facts = directory.Facts(business.Id, 7, 200);
            var (state, county) = FleetRegion.Parse(metros[business.City].Region);
            Assert.Equal((business.Category, state, county), (facts.Category, facts.State, facts.County));
            Assert.Equal(state, directory.StateOf(business.Id));
        }
        // The synthetic catalog has US and Canadian metros: both kinds are here.
        Assert.Contains(catalog.All, b => directory.StateOf(b.Id) is null);
        Assert.Contains(catalog.All, b => directory.StateOf(b.Id) == "36");
    }

    [Fact]
    public void A_business_in_a_suburb_takes_the_nearest_metro_and_one_far_from_any_takes_none()
    {
        var catalog = new BusinessCatalog([
            new BusinessInfo("suburb", "Diner", "Diners", "Pasadena", 34.1478, -118.1445),
            new BusinessInfo("nowhere", "Shack", "Diners", "Nowhere", 44.0, -103.0),
        ]);
        var directory = new FleetDirectory(catalog);

        Assert.Equal(("06", "06037"), (directory.Facts("suburb", 0, 0).State, directory.Facts("suburb", 0, 0).County));
        Assert.Null(directory.StateOf("nowhere"));
        Assert.Equal("Diners", directory.Facts("nowhere", 0, 0).Category);
    }

    [Fact]
    public void An_events_region_wins_over_the_catalogs_place_and_an_unknown_business_counts_by_region_only()
    {
        var catalog = BusinessCatalog.Synthetic(50);
        var directory = new FleetDirectory(catalog);
        var business = catalog.All.First(b => directory.StateOf(b.Id) != "48");

        var facts = directory.Facts(business.Id, 1, 500, region: "US-TX-48201");
        Assert.Equal(("48", "48201", business.Category, true), (facts.State, facts.County, facts.Category, facts.IsServerError));

        var unknown = directory.Facts("not-listed", 1, 200);
        Assert.Equal(new FleetFacts(1, 200, null, null, null), unknown);
        Assert.Equal("48", directory.Facts("not-listed", 1, 200, "US-TX-48201").State);
    }
}
