using Holler.Domain.Detection;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Holler.Domain.Catalog;

/// <summary>The businesses traffic is about: synthetic (deterministic from a seed) or imported from Yelp.</summary>
public sealed class BusinessCatalog
{
    private readonly BusinessInfo[] _businesses;
    private readonly Dictionary<string, int> _indexById;

    public BusinessCatalog(IEnumerable<BusinessInfo> businesses) : this(businesses.ToArray(), skippedLines: 0)
    {
    }

    private BusinessCatalog(BusinessInfo[] businesses, int skippedLines)
    {
        _businesses = businesses;
        _indexById = new Dictionary<string, int>(businesses.Length, StringComparer.Ordinal);
        for (var i = 0; i < businesses.Length; i++)
            if (!_indexById.TryAdd(businesses[i].Id, i))
                throw new ArgumentException($"duplicate business id '{businesses[i].Id}'", nameof(businesses));
        SkippedLines = skippedLines;
    }

    public IReadOnlyList<BusinessInfo> All => _businesses;

    public int Count => _businesses.Length;

    /// <summary>Lines of an imported file that were not usable businesses (bad JSON, missing id or coordinates, duplicate id).</summary>
    public int SkippedLines { get; }

    public BusinessInfo this[int index] => _businesses[index];

    /// <summary>The catalog as the detector reads it: a business's category and place, null when it is not listed.</summary>
    public BusinessDirectory Directory => id => TryGet(id, out var info) ? new BusinessPlace(info.Category, info.Latitude, info.Longitude) : null;

    public bool TryGet(string id, [MaybeNullWhen(false)] out BusinessInfo info)
    {
        if (_indexById.TryGetValue(id, out var index))
        {
            info = _businesses[index];
            return true;
        }
        info = null;
        return false;
    }

    public int IndexOf(string id) => _indexById.TryGetValue(id, out var index) ? index : -1;

    /// <summary>
    /// The same (count, seed) gives the same catalog in every process and on every platform, and a smaller
    /// count gives a prefix of a larger one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static BusinessCatalog Synthetic(int count, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var businesses = new BusinessInfo[count];
        for (var i = 0; i < count; i++) businesses[i] = SyntheticBusinesses.Create(seed, i);
        return new BusinessCatalog(businesses, skippedLines: 0);
    }

    public static BusinessCatalog LoadYelp(TextReader jsonLines)
    {
        ArgumentNullException.ThrowIfNull(jsonLines);
        var (businesses, skipped) = YelpBusinessReader.Read(jsonLines);
        return new BusinessCatalog([.. businesses], skipped);
    }
}
