using Holler.Domain.Catalog;

namespace Holler.History;

public static class HistoryPlaces
{
    /// <summary>A business's category and city from the catalog, empty for one it does not list.</summary>
    public static Func<string, (string Category, string City)> From(BusinessCatalog catalog) =>
        id => catalog.TryGet(id, out var info) ? (info.Category, info.City) : ("", "");
}
