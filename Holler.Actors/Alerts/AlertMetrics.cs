namespace Holler.Alerts;

/// <summary>What this node's alerts singleton decided since the node started, readable from any thread (for /metrics).
/// Counted when the change is journalled, never on replay, so a singleton that moves does not count its history again
/// on the new node. One instance per node: tests host several nodes in one process, so nothing here is static.</summary>
public sealed class AlertMetrics
{
    private long _fired;
    private long _resolved;

    /// <summary>Alerts that went from pending to firing (notified or held back by a mute, snooze or quiet hours).</summary>
    public long Fired => Interlocked.Read(ref _fired);

    /// <summary>Alerts that resolved, including pending ones that never fired.</summary>
    public long Resolved => Interlocked.Read(ref _resolved);

    internal void AddFired() => Interlocked.Increment(ref _fired);

    internal void AddResolved() => Interlocked.Increment(ref _resolved);
}
