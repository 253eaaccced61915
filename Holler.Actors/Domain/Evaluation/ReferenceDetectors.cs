using Holler.Domain.Replay;

namespace Holler.Domain.Evaluation;

/// <summary>The detectors every evaluation compares against: the current one and a naive baseline.</summary>
public static class ReferenceDetectors
{
    /// <summary>Score of the online alarm level: z = enter score maps to 1 - 1/e (see <see cref="AnomalyScore.FromZ"/>).</summary>
    public static readonly double AlarmScore = 1 - 1 / Math.E;

    /// <summary>
    /// <see cref="SeriesDetector"/> with default options, as <c>holler detect</c> runs it. It rejects a row whose timestamp
    /// is not after the previous one; such a series keeps the scores of the rows before it and 0 after. Drops score at
    /// most 0.5, so at the default threshold v1 never flags one: that is the live detector's behaviour, measured as is.
    /// </summary>
    public static EvaluatedDetector V1 { get; } = new("v1", AlarmScore, ScoreV1);

    /// <summary>
    /// The naive baseline: each row's z-score against the mean and (population) standard deviation of the 100 rows
    /// before it, mapped as <c>1 - exp(-|z| / 4)</c>, so |z| = 4 scores 1 - 1/e like v1's alarm. Two-sided, because the
    /// corpus labels drops too and a baseline blind to them would flatter any detector that is not. The first 100 rows
    /// score 0. A flat window (standard deviation 0) makes any different value score 1: plain means plain.
    /// </summary>
    public static EvaluatedDetector ZScore100 { get; } = new("zscore100", AlarmScore, series => RollingZScore(series.Rows, 100, 4));

    private static IReadOnlyList<double> ScoreV1(LabelledSeries series)
    {
        var scores = new double[series.Rows.Count];
        var i = 0;
        try
        {
            foreach (var row in SeriesDetector.Score(series.Rows, SeriesDetectorOptions.Default)) scores[i++] = row.Score;
            return scores;
        }
        catch (FormatException e)
        {
            return new IncompleteScores(scores, e.Message);
        }
    }

    internal static double[] RollingZScore(IReadOnlyList<SeriesRow> rows, int window, double scale)
    {
        var scores = new double[rows.Count];
        var recent = new double[window];
        double sum = 0, sumOfSquares = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var value = rows[i].Value;
            if (i >= window)
            {
                var mean = sum / window;
                var variance = Math.Max(0, sumOfSquares / window - mean * mean);
                var deviation = Math.Abs(value - mean);
                var z = deviation == 0 ? 0 : variance == 0 ? double.PositiveInfinity : deviation / Math.Sqrt(variance);
                scores[i] = 1 - Math.Exp(-z / scale);
                var leaving = recent[i % window];
                sum -= leaving;
                sumOfSquares -= leaving * leaving;
            }
            recent[i % window] = value;
            sum += value;
            sumOfSquares += value * value;
            // Running sums drift by rounding; recomputing now and then keeps a flat window exactly flat.
            if (i % (window * 50) == 0) (sum, sumOfSquares) = Sums(recent, Math.Min(i + 1, window));
        }
        return scores;
    }

    private static (double Sum, double SumOfSquares) Sums(double[] values, int count)
    {
        double sum = 0, squares = 0;
        for (var i = 0; i < count; i++)
        {
            sum += values[i];
            squares += values[i] * values[i];
        }
        return (sum, squares);
    }
}
