namespace Holler.Tracking;

/// <summary>
/// Which shard a business belongs to. Every node must agree (the ingest groups by it, sharding routes by it), so it is
/// a fixed hash of the id's characters, never <see cref="string.GetHashCode()"/>, which differs between processes.
/// </summary>
public static class TrackerShards
{
    /// <summary>Shards when nothing says otherwise (<c>Tracker:Shards</c>). The ingest, the shard regions and the
    /// tests must all use the same count.</summary>
    public const int DefaultCount = 100;

    public static int ShardOf(string businessId, int shards)
    {
        // FNV-1a over the UTF-16 code units: cheap, stable, and spreads short similar ids well enough.
        var hash = 2166136261u;
        foreach (var c in businessId)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % (uint)shards);
    }

    public static string EntityIdOf(int shard) => shard.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
