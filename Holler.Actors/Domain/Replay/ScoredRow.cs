namespace Holler.Domain.Replay;

/// <summary>A row of the series with its anomaly score in [0, 1).</summary>
public sealed record ScoredRow(DateTimeOffset Timestamp, double Value, double Score)
{
    /// <summary>Signed standard deviations from the expectation of earlier rows; 0 during warm-up.</summary>
    public double Z { get; init; }

    /// <summary>−log10 of how likely a deviation this large was; 0 during warm-up.</summary>
    public double Severity { get; init; }

    /// <summary>What the model expected for this row; NaN during warm-up (the v1 detector leaves it NaN too).</summary>
    public double Expected { get; init; } = double.NaN;

    /// <summary>The timestamp as the input spelled it; empty when the row did not come from text.</summary>
    public string TimestampText { get; init; } = "";
}
