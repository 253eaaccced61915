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
    /// <summary>The longest a micro-batch waits to fill while traffic is light (see <c>BatchLinger</c>); at or below
    /// <see cref="BatchDelayMs"/> (0, say) every micro-batch waits <see cref="BatchDelayMs"/>.</summary>
    public int BatchLingerMs { get; set; } = DefaultBatchLingerMs;

    /// <summary>Off: on a quiet machine at 20,000 events/s a 500 ms linger saved no CPU that two runs could tell from
    /// noise (16.3 against 19.8 µs per event, then 19.9 against 16.0), while at 4,000 events/s it took the event →
    /// dashboard p99 from 391 to 728 ms (docs/performance.md#steady-rate-efficiency-issue-16-part-3).</summary>
    public const int DefaultBatchLingerMs = 0;
    public int AckTimeoutMs { get; set; } = 30_000;

    /// <summary>Bytes of a partition consumed but not committed past which its trackers are asked to checkpoint: what
    /// a crash replays at most, per partition (see docs/architecture.md#snapshots-and-the-journal).</summary>
    public long CheckpointBytes { get; set; } = Holler.Ingest.CheckpointTriggers.DefaultBytes;
    public int CheckpointMaxDelaySeconds { get; set; } = (int)Holler.Ingest.CheckpointTriggers.DefaultMaxDelay.TotalSeconds;
    public int CheckpointMinIntervalSeconds { get; set; } = (int)Holler.Ingest.CheckpointTriggers.DefaultMinInterval.TotalSeconds;

    /// <summary>Below this a shard would be asked to write itself whole for every few hundred records.</summary>
    public const long MinCheckpointBytes = 64 * 1024;
    public const long MaxCheckpointBytes = 1L << 40;

    /// <summary>The embedded broker keeps only about 5 MB per partition: an uncommitted tail longer than this could be
    /// gone from it when a crashed node comes back, and its records lost.</summary>
    public const long EmbeddedBrokerCheckpointBytes = 4L << 20;

    public ParseLimits Resolve(List<string> errors)
    {
        if (MaxFutureSeconds < 0) errors.Add($"Ingest:MaxFutureSeconds must not be negative, was {MaxFutureSeconds}");
        if (MaxAgeHours < 1) errors.Add($"Ingest:MaxAgeHours must be at least 1, was {MaxAgeHours}");
        if (MaxRecordBytes is < MinRecordBytes or > RecordBytesCeiling)
            errors.Add($"Ingest:MaxRecordBytes must be between {MinRecordBytes} and {RecordBytesCeiling}, was {MaxRecordBytes}");
        if (BatchMaxRecords is < 1 or > MaxBatchRecords) errors.Add($"Ingest:BatchMaxRecords must be between 1 and {MaxBatchRecords}, was {BatchMaxRecords}");
        if (BatchDelayMs is < 1 or > 60_000) errors.Add($"Ingest:BatchDelayMs must be between 1 and 60000, was {BatchDelayMs}");
        if (BatchLingerMs is < 0 or > 60_000) errors.Add($"Ingest:BatchLingerMs must be between 0 (a fixed window) and 60000, was {BatchLingerMs}");
        if (AckTimeoutMs < 100) errors.Add($"Ingest:AckTimeoutMs must be at least 100, was {AckTimeoutMs}");
        return new ParseLimits(MaxFutureSeconds * 1000L, MaxAgeHours * 3_600_000L, MaxRecordBytes);
    }

    /// <param name="embeddedBroker">No Kafka:Bootstrap: the node runs the embedded broker, with its short retention.</param>
    public Holler.Ingest.CheckpointTriggers ResolveCheckpoints(bool embeddedBroker, List<string> errors)
    {
        if (CheckpointBytes is < MinCheckpointBytes or > MaxCheckpointBytes)
            errors.Add($"Ingest:CheckpointBytes must be between {MinCheckpointBytes} and {MaxCheckpointBytes}, was {CheckpointBytes}");
        else if (embeddedBroker && CheckpointBytes > EmbeddedBrokerCheckpointBytes)
            errors.Add($"Ingest:CheckpointBytes must be at most {EmbeddedBrokerCheckpointBytes} with the embedded broker (it keeps about 5 MB per partition; set Kafka:Bootstrap for more), was {CheckpointBytes}");
        if (CheckpointMaxDelaySeconds is < 1 or > 86_400)
            errors.Add($"Ingest:CheckpointMaxDelaySeconds must be between 1 and 86400, was {CheckpointMaxDelaySeconds}");
        if (CheckpointMinIntervalSeconds is < 0 or > 3_600)
            errors.Add($"Ingest:CheckpointMinIntervalSeconds must be between 0 and 3600, was {CheckpointMinIntervalSeconds}");
        return new Holler.Ingest.CheckpointTriggers(CheckpointBytes, TimeSpan.FromSeconds(CheckpointMaxDelaySeconds),
            TimeSpan.FromSeconds(CheckpointMinIntervalSeconds));
    }
}
