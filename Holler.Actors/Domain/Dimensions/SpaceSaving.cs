namespace Holler.Domain.Dimensions;

/// <summary>
/// The Space-Saving heavy-hitter sketch (Metwally, Agrawal, El Abbadi 2005) with <c>k</c> counters and counts that
/// can decay: every value whose true weight exceeds 1/k of the total is kept, and a kept value's count overestimates
/// its true weight by at most its <see cref="Entry.Error"/> (≤ total / k). Each entry also carries a slow count,
/// the value's baseline weight, so a share now can be set against its share usually.
/// </summary>
/// <typeparam name="T">Compared by reference first (the parser interns strings), then with its default equality.</typeparam>
public sealed class SpaceSaving<T>(int capacity) where T : class
{
    private readonly Entry[] _entries = new Entry[capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity))];
    private int _count;

    public int Capacity => _entries.Length;

    public ReadOnlySpan<Entry> Entries => _entries.AsSpan(0, _count);

    /// <summary>Sum of all fast weights added (after decay), tracked or not.</summary>
    public double Total { get; private set; }

    /// <summary>Sum of all slow weights added (after decay).</summary>
    public double SlowTotal { get; private set; }

    /// <param name="learn">False adds to the fast weights only: traffic that must not become the baseline (a surge's).</param>
    public void Add(T value, double weight = 1, bool learn = true)
    {
        var slow = learn ? weight : 0;
        Total += weight;
        SlowTotal += slow;
        var at = IndexOf(value);
        if (at >= 0)
        {
            _entries[at].Count += weight;
            _entries[at].Slow += slow;
            return;
        }

        if (_count < _entries.Length)
        {
            _entries[_count++] = new Entry { Value = value, Count = weight, Slow = slow };
            return;
        }

        // Replace the smallest: the newcomer inherits its count as possible overestimate. Its baseline starts afresh,
        // since the slow weight of a value just seen is what it has been doing lately (nothing known before).
        var min = 0;
        for (var i = 1; i < _count; i++)
            if (_entries[i].Count < _entries[min].Count) min = i;
        var floor = _entries[min].Count;
        _entries[min] = new Entry { Value = value, Count = floor + weight, Error = floor, Slow = slow };
    }

    private int IndexOf(T value)
    {
        // The parser hands out one instance per value, so a kept value is nearly always found by reference; equality
        // is for the values its bounded pool did not keep.
        for (var i = 0; i < _count; i++)
            if (ReferenceEquals(_entries[i].Value, value)) return i;
        for (var i = 0; i < _count; i++)
            if (EqualityComparer<T>.Default.Equals(_entries[i].Value, value)) return i;
        return -1;
    }

    /// <summary>Multiplies the fast weights by <paramref name="fast"/> and the slow ones by <paramref name="slow"/>.</summary>
    public void Decay(double fast, double slow)
    {
        Total *= fast;
        SlowTotal *= slow;
        for (var i = 0; i < _count; i++)
        {
            _entries[i].Count *= fast;
            _entries[i].Error *= fast;
            _entries[i].Slow *= slow;
        }
    }

    public struct Entry
    {
        public T Value;

        /// <summary>Fast (recent) weight, an overestimate by at most <see cref="Error"/>.</summary>
        public double Count;

        public double Error;

        /// <summary>Slow (baseline) weight since the value was last taken into the sketch.</summary>
        public double Slow;
    }
}
