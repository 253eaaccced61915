using Holler.Domain.Replay;

namespace Holler.Domain.Evaluation;

/// <summary>
/// One series of the evaluation corpus with its labels. <see cref="Rows"/> are in file order, which is not always time
/// order: messy and local-time series repeat timestamps or step back, as real files do.
/// </summary>
/// <param name="Interval">The sampling interval the series was generated with.</param>
/// <param name="Anomalies">Labelled anomalies in time order, windows never overlapping; empty for series that only
/// measure false alarms.</param>
public sealed record LabelledSeries(
    string Name,
    string Category,
    TimeSpan Interval,
    SeriesKind Kind,
    IReadOnlyList<SeriesRow> Rows,
    IReadOnlyList<AnomalyWindow> Anomalies);
