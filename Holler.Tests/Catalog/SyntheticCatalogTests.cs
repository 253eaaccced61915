using System.Globalization;
using Holler.Domain.Catalog;

namespace Holler.Tests.Catalog;

public class SyntheticCatalogTests
{
    [Fact]
    public void Same_count_and_seed_give_the_same_catalog()
    {
        var a = BusinessCatalog.Synthetic(5_000, seed: 7);
        var b = BusinessCatalog.Synthetic(5_000, seed: 7);
        Assert.Equal(a.All, b.All);
    }

    [Fact]
    public void Different_seeds_give_different_catalogs()
    {
        var a = BusinessCatalog.Synthetic(100, seed: 1);
        var b = BusinessCatalog.Synthetic(100, seed: 2);
        Assert.Empty(a.All.Select(x => x.Id).Intersect(b.All.Select(x => x.Id)));
    }

    [Fact]
    public void A_smaller_catalog_is_a_prefix_of_a_larger_one()
    {
        var small = BusinessCatalog.Synthetic(300);
        var large = BusinessCatalog.Synthetic(3_000);
        Assert.Equal(small.All, large.All.Take(300));
    }

    /// <summary>Pins the output: a change here breaks every stored truth file and replay, so it must be deliberate.</summary>
    [Fact]
    public void Output_is_pinned_across_runs_and_platforms()
    {
        var catalog = BusinessCatalog.Synthetic(3, seed: 42);
        Assert.Equal(Golden, catalog.All.Select(b => string.Create(CultureInfo.InvariantCulture,
            $"{b.Id}|{b.Name}|{b.Category}|{b.City}|{b.Latitude:R}|{b.Longitude:R}")));
    }

    private static readonly string[] Golden =
    [
        "p6phu3KSzgzDRUgaL7iT6U|Maria's Automotive|Auto Repair|Houston|29.850588|-95.221632",
        "zNwYSVZzRWD3kF8ycP5T0z|Urban Crown Pho|Restaurants|Charlotte|35.064401|-80.776141",
        "vtWNDSg8a964Yn3XPyGhcY|Bayview Grocery|Grocery|Los Angeles|34.061684|-118.147317",
    ];

    [Fact]
    public void Ids_are_unique_yelp_shaped_and_resolvable()
    {
        var catalog = BusinessCatalog.Synthetic(200_000);
        Assert.Equal(200_000, catalog.Count);
        Assert.Equal(catalog.Count, catalog.All.Select(b => b.Id).Distinct(StringComparer.Ordinal).Count());
        var yelpShaped = new System.Text.RegularExpressions.Regex("^[A-Za-z0-9_-]{22}$");
        Assert.DoesNotContain(catalog.All, b => !yelpShaped.IsMatch(b.Id));
        for (var i = 0; i < catalog.Count; i += 9_973)
        {
            Assert.Equal(i, catalog.IndexOf(catalog[i].Id));
            Assert.True(catalog.TryGet(catalog[i].Id, out var found));
            Assert.Same(catalog[i], found);
        }
        Assert.Equal(-1, catalog.IndexOf("not-a-business-id-0000"));
        Assert.False(catalog.TryGet("not-a-business-id-0000", out _));
    }

    [Fact]
    public void Businesses_lie_within_the_jitter_of_their_metro_centre()
    {
        var catalog = BusinessCatalog.Synthetic(20_000);
        foreach (var business in catalog.All)
        {
            var metro = MetroAreas.Find(business.City);
            Assert.NotNull(metro);
            var dLat = business.Latitude - metro.Latitude;
            var dLon = business.Longitude - metro.Longitude;
            Assert.True(Math.Sqrt(dLat * dLat + dLon * dLon) <= SyntheticBusinesses.JitterDegrees + 1e-5,
                $"{business.Name} at {business.Latitude},{business.Longitude} is too far from {metro.Name}");
        }
        // Spread around the metro rather than stacked on its centre.
        Assert.True(catalog.All.Select(b => (b.Latitude, b.Longitude)).Distinct().Count() > 19_000);
    }

    [Fact]
    public void Cities_are_weighted_by_metro_size()
    {
        var counts = BusinessCatalog.Synthetic(50_000).All.CountBy(b => b.City).ToDictionary();
        Assert.Equal(MetroAreas.All.Count, counts.Count);
        Assert.True(counts["New York"] > 4 * counts["Calgary"], $"New York {counts["New York"]}, Calgary {counts["Calgary"]}");
        var largest = counts.MaxBy(c => c.Value).Key;
        Assert.Equal("New York", largest);
    }

    [Fact]
    public void Names_agree_with_their_category()
    {
        var catalog = BusinessCatalog.Synthetic(20_000);
        var kinds = SyntheticNames.Categories.ToDictionary(c => c.Category, c => c.Kinds);
        foreach (var business in catalog.All)
        {
            Assert.True(kinds.TryGetValue(business.Category, out var categoryKinds), business.Category);
            var definite = business.Category == "Bars" && business.Name.StartsWith("The ", StringComparison.Ordinal);
            Assert.True(definite || categoryKinds.Any(k => business.Name.EndsWith(" " + k, StringComparison.Ordinal)),
                $"'{business.Name}' does not read like {business.Category}");
        }
        Assert.True(catalog.All.Select(b => b.Name).Distinct().Count() > 10_000);
        Assert.Contains(catalog.All, b => b.Name.Contains("'s ", StringComparison.Ordinal));
        Assert.Contains(catalog.All, b => b.Category == "Coffee & Tea");
    }

    [Fact]
    public void Duplicate_ids_are_rejected()
    {
        var business = new BusinessInfo("dup", "A", "Bars", "Austin", 30.2, -97.7);
        Assert.Throws<ArgumentException>(() => new BusinessCatalog([business, business with { Name = "B" }]));
    }
}
