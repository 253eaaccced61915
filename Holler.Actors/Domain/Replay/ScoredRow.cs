namespace Holler.Domain.Replay;

/// <summary>A row of the series with its anomaly score in [0, 1].</summary>
public sealed record ScoredRow(DateTimeOffset Timestamp, double Value, double Score)
{
    /// <summary>Signed standard deviations from the baseline of earlier rows; 0 during warm-up.</summary>
    public double Z { get; init; }

    /// <summary>The timestamp as the input spelled it; empty when the row did not come from text.</summary>
    public string TimestampText { get; init; } = "";
}
