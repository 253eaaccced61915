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

    /// <summary>The candidate with the highest total raw score (the highest such threshold on a tie: fewer flags, same score).</summary>
    public static double Best(IReadOnlyList<SeriesLayout> layouts, IReadOnlyList<double[]> scores, IReadOnlyList<double> candidates, ScoringProfile profile)
    {
        var scratch = new bool[layouts.Count == 0 ? 0 : layouts.Max(l => l.Labels)];
        var best = candidates[0];
        var bestScore = double.NegativeInfinity;
        foreach (var threshold in candidates)
        {
            var total = 0.0;
            for (var s = 0; s < layouts.Count; s++) total += WindowScorer.RawScore(layouts[s], scores[s], threshold, profile, scratch);
            if (total >= bestScore)
            {
                bestScore = total;
                best = threshold;
            }
        }
        return best;
    }
}
