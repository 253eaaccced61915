namespace Holler.Domain.History;

/// <summary>How the history store keeps and writes what trackers report (the <c>History:*</c> settings).</summary>
/// <param name="MinuteRetention">Per-minute rows older than this go (14 days by default).</param>
/// <param name="HourRetention">Per-hour rows older than this go (13 months by default).</param>
/// <param name="SurgeRetention">Surges older than this go; null keeps them for ever.</param>
/// <param name="FlushEvery">How often the writer writes what is queued (also whenever a batch is full).</param>
/// <param name="BatchSize">Rows per write transaction at most.</param>
/// <param name="QueueCapacity">Rows waiting at most; beyond it new rows are dropped and counted, never ingest slowed.</param>
/// <param name="ResendMinutes">Closed minutes each business sends again when its tracker recovers: they may have
/// been waiting in a writer that died with its node.</param>
/// <param name="RetentionEvery">How often the retention job downsamples and deletes.</param>
public sealed record HistorySettings(
    TimeSpan MinuteRetention, TimeSpan HourRetention, TimeSpan? SurgeRetention, TimeSpan FlushEvery, int BatchSize,
    int QueueCapacity, int ResendMinutes, TimeSpan RetentionEvery)
{
    public static HistorySettings Default { get; } = new(TimeSpan.FromDays(14), TimeSpan.FromDays(396), null,
        TimeSpan.FromSeconds(1), 5_000, 500_000, 5, TimeSpan.FromMinutes(10));

    /// <summary>Problems, each naming its setting; empty when none.</summary>
    public IEnumerable<string> Validate()
    {
        if (MinuteRetention < TimeSpan.FromMinutes(1)) yield return "History:MinuteRetention: must be at least a minute";
        if (HourRetention < MinuteRetention) yield return "History:HourRetention: must be at least History:MinuteRetention";
        if (SurgeRetention is { } s && s <= TimeSpan.Zero) yield return "History:SurgeRetention: must be positive (empty keeps surges for ever)";
        if (FlushEvery <= TimeSpan.Zero) yield return "History:FlushEvery: must be positive";
        if (BatchSize < 1) yield return "History:BatchSize: must be at least 1";
        if (QueueCapacity < BatchSize) yield return "History:QueueCapacity: must be at least History:BatchSize";
        if (ResendMinutes is < 0 or > 60) yield return "History:ResendMinutes: must be between 0 and 60";
        if (RetentionEvery <= TimeSpan.Zero) yield return "History:RetentionEvery: must be positive";
    }
}
