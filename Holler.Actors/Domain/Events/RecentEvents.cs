namespace Holler.Domain;

/// <summary>
/// The last <see cref="Capacity"/> events of one business, oldest overwritten first (see
/// docs/dimensions.md#recent-events). A struct array rather than objects: one allocation per business, nothing per event.
/// </summary>
/// <remarks>The array starts small and doubles up to the capacity: most businesses someone looks at are quiet, and
/// their list should not cost the full ring.</remarks>
public sealed class RecentEvents
{
    private const int InitialSize = 16;
    private RecentEvent[] _ring;
    /// <summary>Where the next event goes.</summary>
    private int _next;

    public RecentEvents(int capacity)
    {
        Capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be positive");
        _ring = new RecentEvent[Math.Min(capacity, InitialSize)];
    }

    public int Capacity { get; }

    /// <summary>Events held, at most <see cref="Capacity"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Slots allocated so far (the array grows to <see cref="Capacity"/>), for the memory bound.</summary>
    public int AllocatedEvents => _ring.Length;

    public void Add(in RecentEvent e)
    {
        if (Count == _ring.Length && _ring.Length < Capacity)
        {
            // A ring below its capacity has never overwritten anything, so its order is the array's.
            Array.Resize(ref _ring, Math.Min(Capacity, _ring.Length * 2));
            _next = Count;
        }
        _ring[_next] = e;
        _next = (_next + 1) % _ring.Length;
        if (Count < _ring.Length) Count++;
    }

    /// <summary>At most <paramref name="max"/> events matching <paramref name="filter"/>, newest first.</summary>
    /// <remarks>"Newest" is arrival order, which is offset order within a partition: event time can go backwards
    /// (a late event), and the list shows what arrived, as it arrived.</remarks>
    public List<RecentEvent> Newest(RecentEventFilter filter, int max)
    {
        var found = new List<RecentEvent>(Math.Min(Math.Max(max, 0), Count));
        for (var k = 1; k <= Count && found.Count < max; k++)
        {
            ref readonly var e = ref _ring[(_next - k + _ring.Length) % _ring.Length];
            if (filter.Matches(e)) found.Add(e);
        }
        return found;
    }
}
