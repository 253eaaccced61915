namespace Holler.Host.Commands.Bench;

/// <summary>What the recovery scenario measured: a node SIGKILLed at a steady offered rate and started again.</summary>
/// <param name="CheckpointBytes">The node's Ingest:CheckpointBytes.</param>
/// <param name="KilledInCheckpointWrite">The kill came right after the snapshot store's file was seen being written.</param>
/// <param name="SteadyLag">Before the kill, the most events produced but not yet processed by the node (its steady lag).</param>
/// <param name="Uncommitted">At the kill, events in the log past the committed offsets: what the restarted node reads
/// again or for the first time.</param>
/// <param name="UncommittedBytesMax">The same in bytes, of the partition with the most.</param>
/// <param name="ReplayBoundBytes">What the checkpoint triggers let a partition hold uncommitted at this rate, at most
/// (<see cref="Holler.Ingest.CheckpointTriggers.ReplayBoundBytes"/>).</param>
/// <param name="Duplicates">Events the restarted node read and skipped, as already in a checkpoint.</param>
/// <param name="Up">From the restart to the node answering ready.</param>
/// <param name="FirstProcessed">From the restart to the node's first processed event (it joins the consumer group only
/// after the killed member's session expired).</param>
/// <param name="CaughtUp">From the restart to the node having processed everything produced before the kill and
/// lagging by at most a second of traffic; null if it never did.</param>
/// <param name="BusinessesWrong">Businesses whose counted total differs from what was produced.</param>
/// <param name="Lost">Records the node's consumer had to jump over: gone from the broker (its retention) before the
/// node read them.</param>
/// <param name="Unread">Records produced that the node had not got past when the scenario ended (a partition it
/// never caught up on).</param>
/// <param name="Partitions">The topic's partitions.</param>
/// <param name="HottestShare">The busiest partition's share of the bytes produced before the kill.</param>
public sealed record RecoveryResult(double OfferedRate, int Businesses, string Persistence, long CheckpointBytes,
    TimeSpan BeforeKill, bool KilledInCheckpointWrite, long SteadyLag, long Uncommitted, long UncommittedBytesMax,
    double ReplayBoundBytes, long Duplicates, TimeSpan Up, TimeSpan? FirstProcessed, TimeSpan? CaughtUp,
    long Produced, long Counted, int BusinessesChecked, int BusinessesWrong, long ProduceFailed, long Lost, long Unread,
    int Partitions = 0, double HottestShare = 0)
{
    /// <summary>The target: back and caught up within 30 s of the restart.</summary>
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(30);

    public bool Exact => BusinessesWrong == 0 && Counted == Produced && ProduceFailed == 0 && Lost == 0 && Unread == 0;
    public bool Met => Exact && CaughtUp is { } c && c <= Target;
}

/// <summary>One look at the node while it recovers: time since the restart, events acknowledged by the broker, events
/// the node has processed past the committed offsets it started from.</summary>
public readonly record struct RecoverySample(TimeSpan At, long Produced, long Position);

/// <summary>The recovery scenario's arithmetic, apart from the processes it watches.</summary>
public static class RecoveryMath
{
    /// <summary>
    /// When the node caught up: the first sample at which it has processed everything produced before the kill
    /// (<paramref name="producedAtKill"/>) and lags what is produced by at most <paramref name="allowedLag"/> events.
    /// </summary>
    public static TimeSpan? CaughtUpAt(IEnumerable<RecoverySample> samples, long producedAtKill, long allowedLag)
    {
        foreach (var s in samples)
            if (s.Position >= producedAtKill && s.Produced - s.Position <= allowedLag)
                return s.At;
        return null;
    }

    /// <summary>The first sample at which the node has processed anything since the restart.</summary>
    public static TimeSpan? FirstProcessedAt(IEnumerable<RecoverySample> samples, long committedAtKill)
    {
        foreach (var s in samples)
            if (s.Position > committedAtKill)
                return s.At;
        return null;
    }

    /// <summary>Per partition, what was in the log past the committed offset (none committed: from the start).</summary>
    public static long[] Uncommitted(long[] logEnd, IReadOnlyDictionary<int, long> committed) =>
        logEnd.Select((end, p) => Math.Max(0, end - (committed.TryGetValue(p, out var c) && c >= 0 ? c : 0))).ToArray();
}
