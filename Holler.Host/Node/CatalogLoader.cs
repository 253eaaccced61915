using Holler.Domain.Catalog;
using Holler.Host.Configuration;

namespace Holler.Host.Node;

public static class CatalogLoader
{
    /// <summary>The Yelp dataset when configured, else the deterministic synthetic catalog (same on every node).</summary>
    public static BusinessCatalog Load(CatalogOptionsSection options)
    {
        if (string.IsNullOrWhiteSpace(options.YelpFile)) return BusinessCatalog.Synthetic(options.Businesses, options.Seed);
        using var reader = new StreamReader(options.YelpFile);
        return BusinessCatalog.LoadYelp(reader);
    }
}
