using System.Collections.Concurrent;
using System.Text;

namespace Holler.Domain;

/// <summary>
/// Hands out one string instance per business id seen, so parsing an event of a known business allocates nothing:
/// the same few hundred thousand ids arrive millions of times a minute. Bounded: past <see cref="Capacity"/> distinct
/// ids, new ones are allocated as usual and not kept, so a producer inventing ids cannot grow it without limit.
/// Thread-safe, so a micro-batch can be parsed on several threads with one instance per id; lookups take no lock.
/// </summary>
public sealed class BusinessIdPool(int capacity = BusinessIdPool.DefaultCapacity)
{
    /// <summary>Ten times the reference deployment's businesses.</summary>
    public const int DefaultCapacity = 2_000_000;

    // A set: the value is unused. The count is kept apart because ConcurrentDictionary.Count takes every lock.
    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);
    private int _count;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be positive");

    public int Count => Volatile.Read(ref _count);

    /// <param name="utf8">A valid UTF-8 id of at most <see cref="TrafficEventParser.MaxBusinessIdBytes"/> bytes.</param>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        // UTF-8 never takes fewer bytes than UTF-16 takes chars.
        Span<char> chars = stackalloc char[TrafficEventParser.MaxBusinessIdBytes];
        if (utf8.Length > chars.Length) return Encoding.UTF8.GetString(utf8);
        var text = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        var lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var known, out _)) return known;
        var id = new string(text);
        if (Volatile.Read(ref _count) >= Capacity) return id;
        if (_ids.TryAdd(id, 0))
        {
            // Two threads adding at once may take the set one or two past its capacity: harmless.
            Interlocked.Increment(ref _count);
            return id;
        }
        // Another thread added the same id meanwhile: use its instance, so there is still one per id.
        return lookup.TryGetValue(text, out known, out _) ? known : id;
    }
}
