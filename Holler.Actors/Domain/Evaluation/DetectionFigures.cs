namespace Holler.Domain.Evaluation;

/// <summary>One detector at one threshold over a group of series (a category, or the whole corpus).</summary>
/// <param name="NabScore">NAB-normalised score, 100 perfect, 0 no better than flagging nothing (negative is worse);
/// null for a group without labelled anomalies, whose false alarms still count in the whole corpus' score.</param>
/// <param name="FalseAlarmsPerSeriesWeek">Alarm onsets outside windows per week of scored series.</param>
/// <param name="MedianDelayMinutes">Anomaly start to first flagged row in its window, over detected windows; null when none was.</param>
public sealed record DetectionFigures(
    string Group,
    int Series,
    int FailedSeries,
    int Windows,
    int Detected,
    double? DetectionRate,
    double? NabScore,
    double RawScore,
    int FalsePositiveRows,
    int FalseAlarms,
    double SeriesWeeks,
    double FalseAlarmsPerSeriesWeek,
    double? MedianDelayMinutes,
    double? P90DelayMinutes)
{
    public static DetectionFigures Of(string group, IReadOnlyCollection<SeriesOutcome> outcomes)
    {
        var windows = outcomes.Sum(o => o.Windows);
        var detected = outcomes.Sum(o => o.Detected);
        var raw = outcomes.Sum(o => o.Score);
        var weeks = outcomes.Sum(o => o.ScoredWeeks);
        var falseAlarms = outcomes.Sum(o => o.FalseAlarms);
        var delays = outcomes.SelectMany(o => o.Delays).Select(d => d.TotalMinutes).Order().ToList();
        return new DetectionFigures(
            group,
            outcomes.Count,
            outcomes.Count(o => o.Failure is not null),
            windows,
            detected,
            windows > 0 ? (double)detected / windows : null,
            WindowScorer.Normalised(raw, outcomes.Sum(o => o.Perfect), outcomes.Sum(o => o.Null)),
            raw,
            outcomes.Sum(o => o.FalsePositiveRows),
            falseAlarms,
            weeks,
            weeks > 0 ? falseAlarms / weeks : 0,
            Percentile(delays, 0.5),
            Percentile(delays, 0.9));
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="fraction"/> of the values at or below it.</summary>
    internal static double? Percentile(IReadOnlyList<double> ascending, double fraction) =>
        ascending.Count == 0 ? null : ascending[Math.Clamp((int)Math.Ceiling(fraction * ascending.Count) - 1, 0, ascending.Count - 1)];
}
