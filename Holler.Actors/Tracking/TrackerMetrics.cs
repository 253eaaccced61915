namespace Holler.Tracking;

/// <summary>
/// What one node's shard trackers are doing, readable from any thread. One instance per node (tests host several
/// nodes in a process, so nothing here is static). The latency hooks let the host feed histograms without Holler.Actors
/// depending on a metrics library; they are called on the trackers' threads and must be cheap.
/// </summary>
public sealed class TrackerMetrics
{
    private long _active;
    private long _businesses;
    private long _surgesStarted;

    /// <summary>Shard trackers alive on this node now (started and not yet stopped or passivated).</summary>
    public long Active => Interlocked.Read(ref _active);

    /// <summary>Businesses held by this node's live shard trackers.</summary>
    public long Businesses => Interlocked.Read(ref _businesses);

    /// <summary>Surges this node's trackers detected since the node started (not re-announcements after a move).</summary>
    public long SurgesStarted => Interlocked.Read(ref _surgesStarted);

    /// <summary>Time from a tracker's journal write to its confirmation.</summary>
    public Action<TimeSpan>? JournalWriteObserved { get; set; }

    /// <summary>Time from a tracker's snapshot request to its confirmation.</summary>
    public Action<TimeSpan>? SnapshotObserved { get; set; }

    internal void TrackerStarted() => Interlocked.Increment(ref _active);
    internal void TrackerStopped(int businesses)
    {
        Interlocked.Decrement(ref _active);
        Interlocked.Add(ref _businesses, -businesses);
    }

    internal void BusinessAdded() => Interlocked.Increment(ref _businesses);
    internal void SurgeStarted() => Interlocked.Increment(ref _surgesStarted);
    internal void JournalWritten(TimeSpan elapsed) => JournalWriteObserved?.Invoke(elapsed);
    internal void SnapshotSaved(TimeSpan elapsed) => SnapshotObserved?.Invoke(elapsed);
}
