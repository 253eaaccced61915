namespace Holler.Host.Operator.Api;

/// <summary><c>GET /api/ingest</c>: the asked node's Kafka ingest.</summary>
/// <param name="ConsumedPerSecond">Over the last <paramref name="RateWindowSeconds"/> seconds.</param>
/// <param name="Rejected">Every reject reason with its count (zeros included, so the keys never change).</param>
/// <param name="Lag">Records the node's partitions hold beyond what it committed, summed (<see cref="TotalLag"/>); null
/// while any partition's lag is unknown, as right after a start.</param>
/// <param name="SkippedOffsets">Offsets the consumer had to jump over since the node started: records the broker no
/// longer held when they were due (a retention shorter than the node's backlog), lost to the counts.</param>
public sealed record IngestView(string Node, string Topic, long Consumed, long Accepted, long Applied, long Duplicates,
    long RejectedTotal, IReadOnlyDictionary<string, long> Rejected, double ConsumedPerSecond, double AppliedPerSecond,
    double RateWindowSeconds, long? Lag, IReadOnlyList<PartitionView> Partitions, long SkippedOffsets = 0)
{
    /// <summary>The partitions' lags summed; 0 with none assigned (the node owes nothing), null while any is unknown:
    /// right after a start nothing is committed yet, and 0, or a sum over the partitions known, would pass for a node
    /// that has caught up.</summary>
    public static long? TotalLag(IEnumerable<PartitionView> partitions)
    {
        long total = 0;
        foreach (var partition in partitions)
        {
            if (partition.Lag is not { } lag) return null;
            total += lag;
        }
        return total;
    }
}

/// <param name="Committed">Next offset to consume, as committed (durably applied up to here); null before the first commit.</param>
/// <param name="LogEnd">The partition's log-end offset (high watermark) as last seen.</param>
/// <param name="Lag">LogEnd - Committed; null while either is unknown.</param>
public sealed record PartitionView(int Partition, long? Committed, long? LogEnd, long? Lag)
{
    /// <summary>Every partition that has a committed offset or a log end, in partition order.</summary>
    /// <param name="logEnd">Negative for "not known yet" (librdkafka's sentinel).</param>
    public static IReadOnlyList<PartitionView> From(IReadOnlyDictionary<int, long> committed, IReadOnlyDictionary<int, long> logEnd) =>
        committed.Keys.Union(logEnd.Keys).Order().Select(p =>
        {
            long? c = committed.TryGetValue(p, out var cc) ? cc : null;
            long? e = logEnd.TryGetValue(p, out var ee) && ee >= 0 ? ee : null;
            return new PartitionView(p, c, e, c is { } known && e is { } end ? Math.Max(0, end - known) : null);
        }).ToList();
}
