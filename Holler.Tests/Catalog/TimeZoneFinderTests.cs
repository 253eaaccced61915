using Holler.Domain.Catalog;
using NodaTime;

namespace Holler.Tests.Catalog;

public class TimeZoneFinderTests
{
    [Theory]
    [InlineData(40.71, -74.01, "America/New_York")]
    [InlineData(41.88, -87.63, "America/Chicago")]
    [InlineData(33.45, -112.07, "America/Phoenix")]
    [InlineData(34.05, -118.24, "America/Los_Angeles")]
    [InlineData(39.74, -104.99, "America/Denver")]
    [InlineData(43.65, -79.38, "America/Toronto")]
    public void Finds_the_zone_of_a_metro(double latitude, double longitude, string zone) =>
        Assert.Equal(zone, TimeZoneFinder.Default.Find(latitude, longitude).Id);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(double.NaN, 10)]
    [InlineData(120, 10)]
    public void Unknown_places_keep_UTC(double latitude, double longitude) =>
        Assert.Equal(DateTimeZone.Utc, TimeZoneFinder.Default.Find(latitude, longitude));

    [Fact]
    public void Every_synthetic_business_gets_a_North_American_zone()
    {
        var zones = BusinessCatalog.Synthetic(2_000).All.Select(b => TimeZoneFinder.Default.Find(b.Latitude, b.Longitude).Id).Distinct().ToList();
        Assert.All(zones, z => Assert.StartsWith("America/", z));
        Assert.True(zones.Count >= 4, string.Join(", ", zones));
    }
}
