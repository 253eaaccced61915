using Holler.Domain;

namespace Holler.Host.Configuration;

public sealed class IngestOptionsSection
{
    /// <summary>The largest micro-batch a node accepts: its biggest tracker batch (every record in one shard, each with
    /// a business id of its own) still fits one message between nodes (<c>ClusterSetup.MaxFrameSizeBytes</c>).</summary>
    public const int MaxBatchRecords = 100_000;

    /// <summary>Bounds of Ingest:MaxRecordBytes: a page view with every optional field fits in the lower; the upper is
    /// Kafka's default largest message, beyond which a broker would not have taken the record anyway.</summary>
    public const int MinRecordBytes = 1024;
    public const int RecordBytesCeiling = 1024 * 1024;

    public int MaxFutureSeconds { get; set; } = 300;
    public int MaxAgeHours { get; set; } = 24;
    /// <summary>Records whose key and value together are longer are rejected as TooLarge.</summary>
    public int MaxRecordBytes { get; set; } = ParseLimits.DefaultMaxRecordBytes;
    public int BatchMaxRecords { get; set; } = 20_000;
    public int BatchDelayMs { get; set; } = 200;
    public int AckTimeoutMs { get; set; } = 30_000;

    public ParseLimits Resolve(List<string> errors)
    {
        if (MaxFutureSeconds < 0) errors.Add($"Ingest:MaxFutureSeconds must not be negative, was {MaxFutureSeconds}");
        if (MaxAgeHours < 1) errors.Add($"Ingest:MaxAgeHours must be at least 1, was {MaxAgeHours}");
        if (MaxRecordBytes is < MinRecordBytes or > RecordBytesCeiling)
            errors.Add($"Ingest:MaxRecordBytes must be between {MinRecordBytes} and {RecordBytesCeiling}, was {MaxRecordBytes}");
        if (BatchMaxRecords is < 1 or > MaxBatchRecords) errors.Add($"Ingest:BatchMaxRecords must be between 1 and {MaxBatchRecords}, was {BatchMaxRecords}");
        if (BatchDelayMs is < 1 or > 60_000) errors.Add($"Ingest:BatchDelayMs must be between 1 and 60000, was {BatchDelayMs}");
        if (AckTimeoutMs < 100) errors.Add($"Ingest:AckTimeoutMs must be at least 100, was {AckTimeoutMs}");
        return new ParseLimits(MaxFutureSeconds * 1000L, MaxAgeHours * 3_600_000L, MaxRecordBytes);
    }
}
