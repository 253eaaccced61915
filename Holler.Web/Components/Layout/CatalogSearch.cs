using Holler.Domain.Catalog;

namespace Holler.Web.Components.Layout;

/// <summary>Finds businesses by id (exact, or its first characters) or by words of their name (all must occur), best matches first.</summary>
public static class CatalogSearch
{
    public static IReadOnlyList<BusinessInfo> Find(BusinessCatalog catalog, string? text, int limit, CancellationToken token = default)
    {
        var query = text?.Trim() ?? "";
        if (query.Length == 0) return [];
        var results = new List<BusinessInfo>(limit);
        if (catalog.TryGet(query, out var exact)) results.Add(exact);
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var startsWith = new List<BusinessInfo>();
        var contains = new List<BusinessInfo>();
        for (var i = 0; i < catalog.Count && startsWith.Count < limit; i++)
        {
            if ((i & 0xFFF) == 0) token.ThrowIfCancellationRequested();
            var b = catalog[i];
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
