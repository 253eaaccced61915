using System.Text;
using System.Text.Json;
using Holler.Domain.Catalog;
using Holler.Generation;

namespace Holler.Tests.Generator;

public class EventJsonTests
{
    private static readonly BusinessCatalog Catalog = BusinessCatalog.Synthetic(1_000);

    [Fact]
    public void Writes_the_contract_fields_as_valid_json()
    {
        var json = new EventJson(Catalog);
        var business = Catalog[17];
        using var document = JsonDocument.Parse(json.Write(17, 1_795_438_379_342, sequence: 5).ToArray());
        var root = document.RootElement;

        Assert.Equal(business.Id, root.GetProperty("business_id").GetString());
        Assert.Equal(1_795_438_379_342, root.GetProperty("ts").GetInt64());
        Assert.Contains(root.GetProperty("method").GetString(), new[] { "GET", "POST" });
        Assert.StartsWith("/biz/" + business.Id, root.GetProperty("path").GetString());
        Assert.Contains(root.GetProperty("status").GetInt32(), new[] { 200, 404, 500 });
        Assert.Contains(root.GetProperty("platform").GetString(), new[] { "web", "ios", "android" });
        Assert.Matches("^u-[0-9]+$", root.GetProperty("user_id").GetString());
        Assert.Matches("^s-[0-9a-f]{8}$", root.GetProperty("session_id").GetString());
        Assert.Contains(root.GetProperty("referrer").GetString(), new[] { "search", "direct", "social", "ads", "maps" });
        Assert.True(root.GetProperty("response_ms").GetInt32() > 0);
        Assert.Contains(root.GetProperty("region").GetString(), MetroAreas.All.Select(m => m.Region));
    }

    [Fact]
    public void Fields_are_deterministic_from_seed_and_sequence()
    {
        string Render(int seed, long sequence) => Encoding.UTF8.GetString(new EventJson(Catalog, seed).Write(3, 1_700_000_000_000, sequence));
        Assert.Equal(Render(42, 9), Render(42, 9));
        Assert.NotEqual(Render(42, 9), Render(42, 10));
        Assert.NotEqual(Render(42, 9), Render(7, 9));
    }

    [Fact]
    public void Field_mix_looks_like_real_traffic()
    {
        var json = new EventJson(Catalog);
        var statuses = new Dictionary<int, int>();
        var platforms = new Dictionary<string, int>();
        var local = 0;
        const int events = 20_000;
        for (var i = 0; i < events; i++)
        {
            var index = i % Catalog.Count;
            using var document = JsonDocument.Parse(json.Write(index, 1_700_000_000_000 + i, i).ToArray());
            var root = document.RootElement;
            Assert.Equal(Catalog[index].Id, root.GetProperty("business_id").GetString());
            statuses[root.GetProperty("status").GetInt32()] = statuses.GetValueOrDefault(root.GetProperty("status").GetInt32()) + 1;
            var platform = root.GetProperty("platform").GetString()!;
            platforms[platform] = platforms.GetValueOrDefault(platform) + 1;
            if (root.GetProperty("region").GetString() == MetroAreas.Find(Catalog[index].City)!.Region) local++;
        }
        Assert.InRange(statuses[200] / (double)events, 0.9, 0.97);
        Assert.True(statuses[404] > statuses[500] && statuses[500] > 0);
        Assert.Equal(3, platforms.Count);
        Assert.InRange(local / (double)events, 0.8, 0.92);
    }

    [Fact]
    public void Businesses_from_a_foreign_catalog_get_the_nearest_metro_region()
    {
        var catalog = new BusinessCatalog([new BusinessInfo("yelp-id", "Suburb Diner", "Restaurants", "Affton", 38.55, -90.33)]);
        var regions = Enumerable.Range(0, 200).Select(i =>
        {
            using var document = JsonDocument.Parse(new EventJson(catalog).Write(0, 1, i).ToArray());
            return document.RootElement.GetProperty("region").GetString()!;
        });
        Assert.Equal("US-MO-29510", regions.CountBy(r => r).MaxBy(c => c.Value).Key);
    }
}
