namespace Holler.Host.Operator.Api;

/// <summary><c>GET /api/ingest</c>: the asked node's Kafka ingest.</summary>
/// <param name="ConsumedPerSecond">Over the last <paramref name="RateWindowSeconds"/> seconds.</param>
/// <param name="Rejected">Every reject reason with its count (zeros included, so the keys never change).</param>
/// <param name="Lag">Records the node's partitions hold beyond what it committed, summed.</param>
public sealed record IngestView(string Node, string Topic, long Consumed, long Accepted, long Applied, long Duplicates,
    long RejectedTotal, IReadOnlyDictionary<string, long> Rejected, double ConsumedPerSecond, double AppliedPerSecond,
    double RateWindowSeconds, long Lag, IReadOnlyList<PartitionView> Partitions);

/// <param name="Committed">Next offset to consume, as committed (durably applied up to here); null before the first commit.</param>
/// <param name="LogEnd">The partition's log-end offset (high watermark) as last seen.</param>
/// <param name="Lag">LogEnd - Committed; null while either is unknown.</param>
public sealed record PartitionView(int Partition, long? Committed, long? LogEnd, long? Lag);
