using System.Collections.Concurrent;
using System.Text;

namespace Holler.Domain;

/// <summary>
/// Hands out one string instance per distinct UTF-8 value seen, so parsing a value already seen allocates nothing.
/// Bounded: past <see cref="Capacity"/> distinct values, new ones are allocated as usual and not kept, so a producer
/// inventing values cannot grow it without limit. Thread-safe, so a micro-batch can be parsed on several threads with
/// one instance per value; lookups take no lock. Business ids and dimension values each have a pool of their own
/// (<see cref="BusinessIdPool"/>, <see cref="DimensionValuePool"/>).
/// </summary>
public abstract class StringPool
{
    private readonly int _maxBytes;
    // A set: the value is unused. The count is kept apart because ConcurrentDictionary.Count takes every lock.
    private readonly ConcurrentDictionary<string, byte> _values = new(StringComparer.Ordinal);
    private int _count;

    /// <param name="maxBytes">The longest value the parser hands in, in UTF-8 bytes: the size of the stack buffer.</param>
    protected StringPool(int capacity, int maxBytes)
    {
        Capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be positive");
        _maxBytes = maxBytes;
    }

    public int Capacity { get; }

    public int Count => Volatile.Read(ref _count);

    /// <summary>The pooled instance of the value, or a new string when the value is too long or the pool is full.</summary>
    /// <param name="utf8">Valid UTF-8.</param>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        // UTF-8 never takes fewer bytes than UTF-16 takes chars.
        Span<char> chars = stackalloc char[_maxBytes];
        if (utf8.Length > chars.Length) return Encoding.UTF8.GetString(utf8);
        var text = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        var lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var known, out _)) return known;
        var value = new string(text);
        if (Volatile.Read(ref _count) >= Capacity) return value;
        if (_values.TryAdd(value, 0))
        {
            // Two threads adding at once may take the set one or two past its capacity: harmless.
            Interlocked.Increment(ref _count);
            return value;
        }
        // Another thread added the same value meanwhile: use its instance, so there is still one per value.
        return lookup.TryGetValue(text, out known, out _) ? known : value;
    }
}
