using System.Diagnostics;

namespace Holler.Domain.Evaluation;

/// <summary>
/// Runs detectors over a corpus, series by series (each is generated, scored by every detector and reduced to its
/// <see cref="SeriesLayout"/> and scores before the next), then scores them at their default and best thresholds.
/// </summary>
public static class DetectorEvaluation
{
    /// <param name="progress">Called after each series with (series done, total, series name).</param>
    public static EvaluationResult Run(IReadOnlyList<CorpusEntry> corpus, IReadOnlyList<EvaluatedDetector> detectors, ScoringProfile profile,
        Action<int, int, string>? progress = null)
    {
        var layouts = new List<SeriesLayout>(corpus.Count);
        var scores = detectors.Select(_ => new List<double[]>(corpus.Count)).ToList();
        var failures = detectors.Select(_ => new List<string?>(corpus.Count)).ToList();
        var ticks = new long[detectors.Count];
        long rows = 0;
        foreach (var entry in corpus)
        {
            var series = entry.Build();
            rows += series.Rows.Count;
            layouts.Add(SeriesLayout.For(series, profile));
            // Detectors see the rows only: a detector that read the labels would be judged on answers it was given.
            var unlabelled = series with { Anomalies = [] };
            for (var d = 0; d < detectors.Count; d++)
            {
                var started = Stopwatch.GetTimestamp();
                var (values, failure) = ScoreSafely(detectors[d], unlabelled);
                ticks[d] += Stopwatch.GetTimestamp() - started;
                scores[d].Add(values);
                failures[d].Add(failure);
            }
            progress?.Invoke(layouts.Count, corpus.Count, $"{entry.Category}/{entry.Name}");
        }

        var categories = layouts.Select(l => l.Category).Distinct().ToList();
        var results = new List<DetectorResult>(detectors.Count);
        for (var d = 0; d < detectors.Count; d++)
        {
            var detector = detectors[d];
            var best = ThresholdSweep.Best(layouts, scores[d], ThresholdSweep.For(detector.DefaultThreshold), profile);
            var failed = layouts.Select((l, s) => failures[d][s] is { } f ? $"{l.Category}/{l.Name}: {f}" : null).OfType<string>().ToList();
            var micros = rows == 0 ? 0 : Stopwatch.GetElapsedTime(0, ticks[d]).TotalMicroseconds / rows;
            results.Add(new DetectorResult(detector.Name, detector.DefaultThreshold, micros, failed,
                At(detector.DefaultThreshold, layouts, scores[d], failures[d], categories, profile),
                At(best, layouts, scores[d], failures[d], categories, profile)));
        }
        return new EvaluationResult(layouts.Count, rows, layouts.Sum(l => l.Windows), categories, results);
    }

    private static ThresholdResult At(double threshold, List<SeriesLayout> layouts, List<double[]> scores, List<string?> failures,
        List<string> categories, ScoringProfile profile)
    {
        var outcomes = layouts.Select((l, s) => WindowScorer.Score(l, scores[s], threshold, profile, failures[s])).ToList();
        return new ThresholdResult(threshold, DetectionFigures.Of("all", outcomes),
            categories.Select(c => DetectionFigures.Of(c, outcomes.Where(o => o.Category == c).ToList())).ToList());
    }

    /// <summary>One score per row in [0, 1] whatever the detector does: see <see cref="EvaluatedDetector"/>'s remarks.</summary>
    internal static (double[] Scores, string? Failure) ScoreSafely(EvaluatedDetector detector, LabelledSeries series)
    {
        var values = new double[series.Rows.Count];
        IReadOnlyList<double> returned;
        try
        {
            returned = detector.Score(series);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (values, $"{e.GetType().Name}: {e.Message}");
        }
        if (returned.Count != values.Length) return (values, $"returned {returned.Count} scores for {values.Length} rows");
        for (var i = 0; i < values.Length; i++)
        {
            var v = returned[i];
            values[i] = double.IsNaN(v) ? 0 : Math.Clamp(v, 0, 1);
        }
        return (values, returned is IncompleteScores incomplete ? incomplete.Reason : null);
    }
}
