namespace Holler.Domain;

/// <summary>A 64-bit hash of a field's UTF-8 bytes, for values kept only to be counted distinct (users, sessions).</summary>
/// <remarks>FNV-1a spreads short ids poorly in the high bits that a HyperLogLog reads, so it is finished with
/// MurmurHash3's 64-bit mix. Stable across processes and versions: hashes travel in batches and snapshots.</remarks>
public static class EventHash
{
    /// <summary>Never 0, which means "absent".</summary>
    public static ulong Of(ReadOnlySpan<byte> utf8)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var b in utf8)
        {
            h ^= b;
            h *= 0x100000001B3UL;
        }

        h = Mix(h);
        return h == 0 ? 1 : h;
    }

    /// <summary>MurmurHash3's fmix64.</summary>
    public static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h;
    }
}
