using Holler.Domain.Catalog;
using Holler.Web.Components.Dashboard;
using Holler.Web.Components.Layout;
using Holler.Web.Formatting;
using Holler.Web.Map;

namespace Holler.Tests.Web;

public sealed class DashboardFormattingTests
{
    [Theory]
    [InlineData(12.43, "12.4×")]
    [InlineData(2, "2.0×")]
    [InlineData(1234.6, "1,235×")]
    [InlineData(double.PositiveInfinity, "∞×")]
    public void Ratios_read_as_multiples(double ratio, string shown) => Assert.Equal(shown, Display.Ratio(ratio));

    [Fact]
    public void Counts_and_rates_have_thousands_separators()
    {
        Assert.Equal("1,234,567", Display.Count(1_234_567L));
        Assert.Equal("4,120/s", Display.Rate(4_119.6));
        Assert.Equal("28.5", Display.Count(28.5));
        Assert.Equal("1,029", Display.Count(1_028.6));
    }

    [Fact]
    public void Durations_read_naturally()
    {
        Assert.Equal("42s", Display.Duration(TimeSpan.FromSeconds(42.9)));
        Assert.Equal("3m 07s", Display.Duration(TimeSpan.FromSeconds(187)));
        Assert.Equal("2h 05m", Display.Duration(TimeSpan.FromMinutes(125)));
    }

    [Fact]
    public void Every_metro_of_the_synthetic_catalog_is_on_the_map_where_it_belongs()
    {
        var map = BaseMap.Default;
        foreach (var metro in MetroAreas.All)
        {
            Assert.True(map.IsInFrame(metro.Longitude, metro.Latitude), metro.Name);
            var (x, y) = map.ToScreen(metro.Longitude, metro.Latitude);
            Assert.InRange(x, 0, BaseMap.Width);
            Assert.InRange(y, 0, map.Height);
        }
        var (seattleX, seattleY) = map.ToScreen(-122.33, 47.61);
        var (miamiX, miamiY) = map.ToScreen(-80.19, 25.76);
        Assert.True(seattleX < miamiX && seattleY < miamiY, "west is left, north is up");
    }

    [Fact]
    public void The_shipped_base_map_has_the_states_and_neighbours()
    {
        var names = BaseMap.Default.Paths.Select(p => p.Name).ToHashSet();
        Assert.Contains("California", names);
        Assert.Contains("New York", names);
        Assert.Contains("Canada", names);
        Assert.True(BaseMap.Default.Paths.Count >= 50, $"{BaseMap.Default.Paths.Count} shapes");
        Assert.All(BaseMap.Default.Paths, p => Assert.StartsWith("M", p.Data));
    }

    [Fact]
    public void Markers_grow_and_redden_with_the_score()
    {
        Assert.True(MarkerScale.Radius(30) > MarkerScale.Radius(10));
        Assert.True(MarkerScale.Radius(10) > MarkerScale.Radius(4));
        Assert.Equal("hsl(42, 85%, 52%)", MarkerScale.Fill(4));
        Assert.Equal("hsl(0, 85%, 38%)", MarkerScale.Fill(100));
    }

    [Fact]
    public void Search_finds_by_exact_id_and_by_words_of_the_name()
    {
        var catalog = BusinessCatalog.Synthetic(5_000);
        var target = catalog[1234];

        Assert.Equal(target, CatalogSearch.Find(catalog, target.Id, 10, TestContext.Current.CancellationToken)[0]);
        Assert.Contains(target, CatalogSearch.Find(catalog, target.Id[..8], 10, TestContext.Current.CancellationToken));
        var words = target.Name.Split(' ');
        var byName = CatalogSearch.Find(catalog, $"{words[^1].ToLowerInvariant()} {words[0]}", 500, TestContext.Current.CancellationToken);
        Assert.Contains(target, byName);
        Assert.All(byName, b => Assert.Contains(words[0], b.Name, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(CatalogSearch.Find(catalog, "   ", 10, TestContext.Current.CancellationToken));
        Assert.True(CatalogSearch.Find(catalog, "a", 10, TestContext.Current.CancellationToken).Count <= 10);
    }
}
