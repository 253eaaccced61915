using System.Collections.Concurrent;
using Holler.Domain.Catalog;
using NodaTime;

namespace Holler.Domain.Alerts;

/// <summary>What rules need to know of a business beyond its traffic: its name and where it is, for scopes, quiet
/// hours (its local time) and the text of notifications.</summary>
/// <param name="Metro">The metro area it belongs to (the nearest centre for a catalog of suburbs), for city scopes.</param>
public sealed record BusinessFacts(string Id, string Name, string? Category, string? City, string? Metro, DateTimeZone Zone)
{
    /// <summary>A business the catalog does not list: named by its id, in UTC, in no category or city.</summary>
    public static BusinessFacts Unknown(string id) => new(id, id, null, null, null, DateTimeZone.Utc);
}

/// <summary>Looks a business up; never null (<see cref="BusinessFacts.Unknown"/> for a business nobody listed).</summary>
public delegate BusinessFacts BusinessFactsLookup(string businessId);

public static class CatalogFacts
{
    /// <summary>Facts from the catalog, each found once: finding the time zone is a search over every zone's places.</summary>
    public static BusinessFactsLookup From(BusinessCatalog catalog)
    {
        var cache = new ConcurrentDictionary<string, BusinessFacts>(StringComparer.Ordinal);
        return id => cache.GetOrAdd(id, static (key, c) =>
        {
            if (!c.TryGet(key, out var info)) return BusinessFacts.Unknown(key);
            var metro = MetroAreas.Find(info.City)?.Name ?? MetroAreas.Nearest(info.Latitude, info.Longitude).Name;
            return new BusinessFacts(key, info.Name, info.Category, info.City, metro,
                TimeZoneFinder.Default.Find(info.Latitude, info.Longitude));
        }, catalog);
    }
}
