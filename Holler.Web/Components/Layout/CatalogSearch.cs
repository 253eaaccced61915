using Holler.Domain.Catalog;
using Holler.Web.Access;

namespace Holler.Web.Components.Layout;

/// <summary>Finds businesses by id (exact, or its first characters) or by words of their name (all must occur), best
/// matches first; among the businesses of the user's scope only, so a business user's search never lists another's.</summary>
public static class CatalogSearch
{
    public static IReadOnlyList<BusinessInfo> Find(BusinessCatalog catalog, string? text, int limit, CancellationToken token = default,
        BusinessScope? scope = null)
    {
        scope ??= BusinessScope.Everything;
        var query = text?.Trim() ?? "";
        if (query.Length == 0) return [];
        var results = new List<BusinessInfo>(limit);
        if (catalog.TryGet(query, out var exact) && scope.Allows(exact.Id)) results.Add(exact);
        else exact = null;
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var startsWith = new List<BusinessInfo>();
        var contains = new List<BusinessInfo>();
        var candidates = scope.Only is { } only
            ? only.Order(StringComparer.Ordinal).Select(id => catalog.TryGet(id, out var b) ? b : null).OfType<BusinessInfo>().ToList()
            : null;
        var count = candidates?.Count ?? catalog.Count;
        for (var i = 0; i < count && startsWith.Count < limit; i++)
        {
            if ((i & 0xFFF) == 0) token.ThrowIfCancellationRequested();
            var b = candidates is null ? catalog[i] : candidates[i];
            if (ReferenceEquals(b, exact)) continue;
            // An id is matched from its start (pasted or typed partly), a name by its words.
            if (query.Length >= 4 && b.Id.StartsWith(query, StringComparison.Ordinal)) startsWith.Add(b);
            else if (!words.All(w => b.Name.Contains(w, StringComparison.OrdinalIgnoreCase))) continue;
            else if (b.Name.StartsWith(query, StringComparison.OrdinalIgnoreCase)) startsWith.Add(b);
            else if (contains.Count < limit) contains.Add(b);
        }
        results.AddRange(startsWith);
        results.AddRange(contains);
        return results.Count <= limit ? results : results[..limit];
    }
}
