using Holler.Domain.Catalog;

namespace Holler.Domain.Fleet;

/// <summary>
/// What the ingest looks up per event for the fleet views: a business's category, state and county, computed once per
/// catalog entry so an event costs one dictionary lookup. A business's place is its metro area's region: the metro of
/// its city, else the nearest metro within <see cref="MaxMetroDistanceDegrees"/> (a Yelp business in a suburb).
/// Businesses the catalog does not list are counted in totals only.
/// </summary>
public sealed class FleetDirectory
{
    public const double MaxMetroDistanceDegrees = 1.0;

    private readonly BusinessCatalog _catalog;
    private readonly (string Category, string? State, string? County)[] _entries;

    // The same facts as numbers, for the ingest's per-event count (FleetTally.Add with an entry): per entry its category's
    // and its metro's index into the two tables, so counting an event is an array increment, not a string hash.
    private readonly int[] _categoryIds;
    private readonly int[] _placeIds;
    private readonly string[] _categories;
    private readonly (string? State, string? County)[] _places;

    public FleetDirectory(BusinessCatalog catalog)
    {
        _catalog = catalog;
        _entries = new (string, string?, string?)[catalog.Count];
        _categoryIds = new int[catalog.Count];
        _placeIds = new int[catalog.Count];
        var byCity = MetroAreas.All.GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        // One parse per metro, so the catalog's businesses share their state and county strings.
        var places = MetroAreas.All.ToDictionary(m => m, m => FleetRegion.Parse(m.Region));
        var placeIds = MetroAreas.All.Select((m, i) => (m, i)).ToDictionary(p => p.m, p => p.i);
        _places = [.. MetroAreas.All.Select(m => places[m])];
        var categoryIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < catalog.Count; i++)
        {
            var info = catalog[i];
            var metro = byCity.TryGetValue(info.City, out var m) && Near(m, info, 2 * MaxMetroDistanceDegrees) ? m : Nearest(info);
            var (state, county) = metro is null ? (null, null) : places[metro];
            _entries[i] = (info.Category, state, county);
            if (!categoryIds.TryGetValue(info.Category, out var category)) categoryIds[info.Category] = category = categoryIds.Count;
            _categoryIds[i] = category;
            _placeIds[i] = metro is null ? -1 : placeIds[metro];
        }
        _categories = new string[categoryIds.Count];
        foreach (var (name, id) in categoryIds) _categories[id] = name;
    }

    internal int CategoryCount => _categories.Length;
    internal int PlaceCount => _places.Length;

    /// <summary>The category's index of catalog entry <paramref name="entry"/>, -1 when not listed.</summary>
    internal int CategoryIdAt(int entry) => (uint)entry < (uint)_categoryIds.Length ? _categoryIds[entry] : -1;

    /// <summary>The metro's index of catalog entry <paramref name="entry"/>, -1 when not listed or not placed.</summary>
    internal int PlaceIdAt(int entry) => (uint)entry < (uint)_placeIds.Length ? _placeIds[entry] : -1;

    internal string CategoryName(int id) => _categories[id];
    internal (string? State, string? County) PlaceAt(int id) => _places[id];

    public static FleetDirectory Empty { get; } = new(new BusinessCatalog([]));

    /// <summary>The facts of one event; <paramref name="region"/>, when the event carries one, wins over the catalog's
    /// place (it says where the visitor is).</summary>
    public FleetFacts Facts(string businessId, long second, int status, string? region = null)
    {
        var index = _catalog.IndexOf(businessId);
        var (category, state, county) = index >= 0 ? _entries[index] : (null, null, null);
        if (region is not null)
        {
            var (s, c) = FleetRegion.Parse(region);
            if (s is not null) (state, county) = (s, c);
        }
        return new FleetFacts(second, status, category, state, county);
    }

    /// <summary>The business's catalog entry, -1 when the catalog does not list it.</summary>
    public int IndexOf(string businessId) => _catalog.IndexOf(businessId);

    /// <summary>The facts of an event of catalog entry <paramref name="index"/> (-1: not listed, totals only).</summary>
    public FleetFacts FactsAt(int index, long second, int status)
    {
        var (category, state, county) = index >= 0 && index < _entries.Length ? _entries[index] : (null, null, null);
        return new FleetFacts(second, status, category, state, county);
    }

    /// <summary>The state (FIPS) of a catalog business, null when unknown or outside the US.</summary>
    public string? StateOf(string businessId)
    {
        var index = _catalog.IndexOf(businessId);
        return index >= 0 ? _entries[index].State : null;
    }

    private static bool Near(MetroArea metro, BusinessInfo info, double degrees) =>
        Math.Abs(metro.Latitude - info.Latitude) <= degrees && Math.Abs(metro.Longitude - info.Longitude) <= degrees;

    private static MetroArea? Nearest(BusinessInfo info)
    {
        MetroArea? best = null;
        var bestDistance = double.MaxValue;
        foreach (var metro in MetroAreas.All)
        {
            var dLat = metro.Latitude - info.Latitude;
            var dLon = (metro.Longitude - info.Longitude) * Math.Cos(info.Latitude * Math.PI / 180);
            var distance = dLat * dLat + dLon * dLon;
            if (distance < bestDistance) (best, bestDistance) = (metro, distance);
        }
        return best is not null && Near(best, info, MaxMetroDistanceDegrees) ? best : null;
    }
}
