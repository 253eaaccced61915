using Holler.Domain.Fleet;

namespace Holler.Fleet;

/// <summary>
/// This node's fleet counts between publications: the ingest stream adds each micro-batch's tally, the publisher drains
/// it once a second. The two run on different threads, hence the lock; both hold it for a merge of a few seconds' counts.
/// </summary>
public sealed class FleetRecorder(FleetDirectory directory)
{
    private readonly Lock _gate = new();
    private FleetTally _pending = new();

    public FleetDirectory Directory { get; } = directory;

    public void Record(FleetTally tally)
    {
        if (tally.IsEmpty) return;
        lock (_gate)
        {
            // Bounded however long nobody drains it (a node whose publisher is stopping): the tally keeps at most the
            // last hour's seconds, each with bounded values.
            _pending.Merge(tally);
        }
    }

    public IReadOnlyList<FleetSecond> Drain()
    {
        FleetTally drained;
        lock (_gate)
        {
            if (_pending.IsEmpty) return [];
            drained = _pending;
            _pending = new FleetTally();
        }
        return drained.Drain();
    }
}
