using System.Text;

namespace Holler.Domain;

/// <summary>
/// Hands out one string instance per business id seen, so parsing an event of a known business allocates nothing:
/// the same few hundred thousand ids arrive millions of times a minute. Bounded: past <see cref="Capacity"/> distinct
/// ids, new ones are allocated as usual and not kept, so a producer inventing ids cannot grow it without limit.
/// Not thread-safe: one per parsing thread.
/// </summary>
public sealed class BusinessIdPool(int capacity = BusinessIdPool.DefaultCapacity)
{
    /// <summary>Ten times the reference deployment's businesses.</summary>
    public const int DefaultCapacity = 2_000_000;

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be positive");

    public int Count => _ids.Count;

    /// <param name="utf8">A valid UTF-8 id of at most <see cref="TrafficEventParser.MaxBusinessIdBytes"/> bytes.</param>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        // UTF-8 never takes fewer bytes than UTF-16 takes chars.
        Span<char> chars = stackalloc char[TrafficEventParser.MaxBusinessIdBytes];
        if (utf8.Length > chars.Length) return Encoding.UTF8.GetString(utf8);
        var text = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        var lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var known)) return known;
        var id = new string(text);
        if (_ids.Count < Capacity) _ids.Add(id);
        return id;
    }
}
