namespace Holler.Domain.Evaluation;

/// <summary>The candidate thresholds of a sweep: one threshold for every series, chosen by the whole corpus' score.</summary>
public static class ThresholdSweep
{
    public const int Candidates = 200;

    /// <summary>
    /// 1 − 10^(−6i/199) for i = 0..199, plus the detector's default: spaced evenly in log(1 − t), since the reference
    /// detectors' scores are 1 − exp(−z/4), so this is evenly spaced in z from 0 to 55 — while still putting some
    /// thirty candidates below 0.9 for a detector whose scores are spread more evenly.
    /// </summary>
    public static IReadOnlyList<double> For(double defaultThreshold) =>
        Enumerable.Range(0, Candidates).Select(i => 1 - Math.Pow(10, -6.0 * i / (Candidates - 1))).Append(defaultThreshold).Order().Distinct().ToList();

    /// <summary>
    /// The candidate with the highest total raw score (<see cref="WindowScorer.RawScore"/> summed over the series; the
    /// highest such threshold on a tie: fewer flags, same score).
    /// </summary>
    /// <remarks>
    /// Not a pass over every row per candidate, which took seconds a detector: false positives at a threshold are the
    /// scores outside windows at or above it, counted by binary search in their sorted array; and the row that detects a
    /// window at a threshold is the first of its rows to reach it, which is always one of the window's running-maximum
    /// records (rows scoring above every row before them in the window), of which there are few.
    /// </remarks>
    public static double Best(IReadOnlyList<SeriesLayout> layouts, IReadOnlyList<double[]> scores, IReadOnlyList<double> candidates, ScoringProfile profile)
    {
        var outside = new List<double>();
        var windows = new List<List<(double Score, double Reward)>>();
        for (var s = 0; s < layouts.Count; s++)
        {
            var layout = layouts[s];
            var records = new List<(double Score, double Reward)>?[layout.Labels];
            for (var i = 0; i < layout.Rows; i++)
            {
                var w = layout.Window[i];
                var score = scores[s][i];
                if (w == SeriesLayout.Outside) outside.Add(score);
                else if (w >= 0)
                {
                    var list = records[w] ??= [];
                    if (list.Count == 0 || score > list[^1].Score) list.Add((score, layout.Reward[i]));
                }
            }
            windows.AddRange(records.OfType<List<(double, double)>>());
        }
        var sortedOutside = outside.ToArray();
        Array.Sort(sortedOutside);

        var best = candidates[0];
        var bestScore = double.NegativeInfinity;
        foreach (var threshold in candidates)
        {
            var total = (sortedOutside.Length - FirstAtOrAbove(sortedOutside, threshold)) * profile.FalsePositive;
            foreach (var records in windows)
            {
                var detectedBy = records.FindIndex(r => r.Score >= threshold);
                total += detectedBy >= 0 ? records[detectedBy].Reward : profile.FalseNegative;
            }
            if (total >= bestScore)
            {
                bestScore = total;
                best = threshold;
            }
        }
        return best;
    }

    private static int FirstAtOrAbove(double[] ascending, double threshold)
    {
        int low = 0, high = ascending.Length;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (ascending[middle] >= threshold) high = middle;
            else low = middle + 1;
        }
        return low;
    }
}
