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
        Assert.Contains(root.GetProperty("status").GetInt32(), new[] { 200, 304, 404, 500, 502, 503 });
        Assert.Contains(root.GetProperty("platform").GetString(), EventJson.PlatformNames);
        Assert.Matches("^u-[0-9]+$", root.GetProperty("user_id").GetString());
        Assert.Matches("^s-[0-9a-f]{8}$", root.GetProperty("session_id").GetString());
        Assert.Contains(root.GetProperty("referrer").GetString(), EventJson.ReferrerNames);
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
        Assert.InRange(statuses[200] / (double)events, 0.88, 0.95);
        var errors = statuses.Where(s => s.Key >= 500).Sum(s => s.Value) / (double)events;
        Assert.InRange(errors, 0.015, 0.025);
        Assert.True(statuses[404] > statuses[500] && statuses[500] > 0);
        Assert.Equal(EventJson.PlatformNames.Length, platforms.Count);
        Assert.InRange(platforms["web"] / (double)events, 0.37, 0.43);
        Assert.InRange(platforms["ios"] / (double)events, 0.22, 0.28);
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

    private static JsonElement Render(EventJson json, int business, long sequence, EventShape shape = default)
    {
        using var document = JsonDocument.Parse(json.Write(business, 1_700_000_000_000 + sequence, sequence, shape).ToArray());
        return document.RootElement.Clone();
    }

    [Fact]
    public void Pages_fall_off_by_popularity()
    {
        var json = new EventJson(Catalog);
        var pages = Enumerable.Range(0, 20_000).Select(i => Render(json, 5, i).GetProperty("path").GetString()!)
            .CountBy(p => p).ToDictionary();
        var home = pages["/biz/" + Catalog[5].Id];
        var menu = pages["/biz/" + Catalog[5].Id + "/menu"];
        var last = pages["/biz/" + Catalog[5].Id + EventJson.PageSuffixes[^1]];

        Assert.Equal(EventJson.PageSuffixes.Length, pages.Count);
        // Zipf with s = 1: the second page gets about half the first's views, the twelfth a twelfth.
        Assert.InRange(menu / (double)home, 0.42, 0.58);
        Assert.InRange(last / (double)home, 0.05, 0.12);
    }

    [Fact]
    public void Regulars_come_back_so_a_business_has_fewer_users_than_views()
    {
        var json = new EventJson(Catalog);
        var users = Enumerable.Range(0, 10_000).Select(i => Render(json, 9, i).GetProperty("user_id").GetString()).ToList();
        var distinct = users.Distinct().Count();

        // 60% of views by one of 400 regulars, 40% by someone new: about 4,000 + 400 distinct.
        Assert.InRange(distinct, 4_100, 4_700);
    }

    [Fact]
    public void A_shape_pins_platform_path_and_error_share()
    {
        var json = new EventJson(Catalog);
        var shape = new EventShape("app", "/biz/x/order", ErrorShare: 0.4);
        var events = Enumerable.Range(0, 5_000).Select(i => Render(json, 2, i, shape)).ToList();

        Assert.All(events, e => Assert.Equal("app", e.GetProperty("platform").GetString()));
        Assert.All(events, e => Assert.Equal("/biz/x/order", e.GetProperty("path").GetString()));
        Assert.InRange(events.Count(e => e.GetProperty("status").GetInt32() >= 500) / 5_000.0, 0.37, 0.43);
    }

    [Fact]
    public void The_usual_error_share_is_a_setting()
    {
        var json = new EventJson(Catalog, errorShare: 0.05);
        var errors = Enumerable.Range(0, 10_000).Count(i => Render(json, 2, i).GetProperty("status").GetInt32() >= 500);

        Assert.InRange(errors / 10_000.0, 0.045, 0.055);
    }
}
