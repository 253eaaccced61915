using Holler.Domain.Surges;
using Holler.Domain.Traffic;

namespace Holler.Domain.Replay;

/// <summary>
/// The v1 detector, kept as <c>holler evaluate</c>'s baseline: scores a regular series row by row with the arithmetic the
/// online trackers used before the seasonal model: an <see cref="ExponentialStats"/> baseline,
/// <see cref="SurgeScore.Z"/> against it (so values are read as counts, with the Poisson floor), and
/// <see cref="SurgeScore.Learnable"/> for what a row teaches the baseline. Each row is scored against earlier rows only,
/// then learned, so a row's score never depends on later rows (beyond the first rows that fix the interval).
/// Rows are taken as consecutive samples: a missing row is not filled in.
/// </summary>
public static class SeriesDetector
{
    /// <summary>Scores rows lazily; only the first <see cref="SeriesCalibration.IntervalGaps"/> + 1 are buffered.</summary>
    /// <exception cref="FormatException">While enumerating, when a timestamp is not after the previous row's.</exception>
    public static IEnumerable<ScoredRow> Score(IEnumerable<SeriesRow> rows, SeriesDetectorOptions options)
    {
        var problem = options.Validate().FirstOrDefault();
        if (problem is not null) throw new ArgumentException(problem, nameof(options));
        return ScoreValidated(rows, options);
    }

    private static IEnumerable<ScoredRow> ScoreValidated(IEnumerable<SeriesRow> rows, SeriesDetectorOptions options)
    {
        var head = new List<SeriesRow>(SeriesCalibration.IntervalGaps + 1);
        using var rest = InTimeOrder(rows).GetEnumerator();
        while (head.Count <= SeriesCalibration.IntervalGaps && rest.MoveNext()) head.Add(rest.Current);

        var interval = SeriesCalibration.DetectInterval(head.Select(r => r.Timestamp).ToList());
        if (interval is null)
        {
            // Zero or one row: there is no interval and nothing to score against.
            foreach (var row in head) yield return Unscored(row);
            yield break;
        }

        var scorer = new Scorer(SeriesCalibration.For(interval.Value, options), options.EnterScore);
        foreach (var row in head) yield return scorer.Next(row);
        while (rest.MoveNext()) yield return scorer.Next(rest.Current);
    }

    private static IEnumerable<SeriesRow> InTimeOrder(IEnumerable<SeriesRow> rows)
    {
        SeriesRow? previous = null;
        foreach (var row in rows)
        {
            if (previous is not null && row.Timestamp <= previous.Timestamp)
                throw new FormatException(
                    $"line {row.Line}: timestamp {row.TimestampText} is not after the previous row's ({previous.TimestampText}); rows must be in time order without repeats");
            previous = row;
            yield return row;
        }
    }

    private static ScoredRow Unscored(SeriesRow row) => new(row.Timestamp, row.Value, 0) { TimestampText = row.TimestampText };

    private sealed class Scorer(SeriesCalibration calibration, double enterScore)
    {
        private ExponentialStats _baseline = new(calibration.HalfLifeRows);

        public ScoredRow Next(SeriesRow row)
        {
            if (_baseline.Samples < calibration.WarmupRows)
            {
                // Warm-up is learning what normal looks like, so nothing can be an outlier yet: learned in full.
                _baseline.Add(row.Value);
                return Unscored(row);
            }
            var z = SurgeScore.Z(row.Value, _baseline.Mean, _baseline.Variance);
            _baseline.Add(SurgeScore.Learnable(row.Value, _baseline.Mean, _baseline.Variance, enterScore));
            return new ScoredRow(row.Timestamp, row.Value, AnomalyScore.FromZ(z, enterScore)) { Z = z, TimestampText = row.TimestampText };
        }
    }
}
