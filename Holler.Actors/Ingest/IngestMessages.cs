using Holler.Domain;

namespace Holler.Ingest;

/// <summary>Asks a node's ingest for its progress; answered with <see cref="IngestStatus"/>.</summary>
public sealed record GetIngestStatus
{
    public static GetIngestStatus Instance { get; } = new();
}

/// <param name="Committed">Per partition, the committed next offset.</param>
/// <param name="LogEnd">Per partition, the log-end offset last seen (lag = LogEnd - Committed).</param>
public sealed record IngestStatus(
    long Consumed, long Accepted, long Applied, long Duplicates, IReadOnlyDictionary<RejectReason, long> Rejected,
    IReadOnlyDictionary<int, long> Committed, IReadOnlyDictionary<int, long> LogEnd);
