using Holler.Domain.Detection;
using Holler.Domain.Replay;

namespace Holler.Domain.Evaluation;

/// <summary>The seasonal detector (v2) as <c>holler detect</c> runs it by default: both directions, the model's default
/// threshold (which scores 0.5), kind and season decided from the series itself.</summary>
public static class SeasonalDetector
{
    public static EvaluatedDetector V2 { get; } = new("v2", 0.5, series => Score(series, DetectOptions.Default with
    {
        Model = DetectOptions.Default.Model with { Direction = DetectionDirection.Both },
    }));

    public static IReadOnlyList<double> Score(LabelledSeries series, DetectOptions options)
    {
        var scores = new double[series.Rows.Count];
        var i = 0;
        foreach (var row in SeasonalSeriesDetector.Score(series.Rows, options)) scores[i++] = row.Score;
        return scores;
    }
}
