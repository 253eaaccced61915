using System.Collections.Concurrent;
using System.Text;

namespace Holler.Domain;

/// <summary>
/// Hands out one string instance per path, referrer or region seen, so parsing the dimensions of an event allocates
/// nothing once its values are known: a few thousand pages, referrers and regions repeat millions of times a minute.
/// Bounded like <see cref="BusinessIdPool"/>: past <see cref="Capacity"/> distinct values new ones are allocated as
/// usual and not kept, so a producer putting ids or query strings in paths cannot grow it without limit.
/// </summary>
public sealed class DimensionValuePool(int capacity = DimensionValuePool.DefaultCapacity)
{
    /// <summary>A few pages per business of the reference deployment, plus every referrer and region.</summary>
    public const int DefaultCapacity = 500_000;

    private readonly ConcurrentDictionary<string, byte> _values = new(StringComparer.Ordinal);
    private int _count;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be positive");

    public int Count => Volatile.Read(ref _count);

    /// <param name="utf8">Valid UTF-8 of at most <see cref="TrafficEventParser.MaxDimensionBytes"/> bytes.</param>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[TrafficEventParser.MaxDimensionBytes];
        if (utf8.Length > chars.Length) return Encoding.UTF8.GetString(utf8);
        var text = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        var lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var known, out _)) return known;
        var value = new string(text);
        if (Volatile.Read(ref _count) >= Capacity) return value;
        if (_values.TryAdd(value, 0))
        {
            Interlocked.Increment(ref _count);
            return value;
        }

        return lookup.TryGetValue(text, out known, out _) ? known : value;
    }
}
