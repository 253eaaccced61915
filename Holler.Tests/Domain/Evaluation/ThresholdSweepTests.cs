using Holler.Domain.Evaluation;

namespace Holler.Tests.Domain.Evaluation;

public sealed class ThresholdSweepTests
{
    [Fact]
    public void The_best_threshold_scores_at_least_as_well_as_every_candidate_scored_row_by_row()
    {
        var random = new Random(11);
        var profile = HandMadeSeries.Profile;
        var layouts = new List<SeriesLayout>();
        var scores = new List<double[]>();
        for (var s = 0; s < 5; s++)
        {
            layouts.Add(SeriesLayout.For(HandMadeSeries.Create(), profile));
            // Noise everywhere, and a window detected late (or not at all) at lower thresholds than its start.
            var values = Enumerable.Range(0, HandMadeSeries.Rows).Select(_ => Math.Pow(random.NextDouble(), 8)).ToArray();
            values[HandMadeSeries.FirstWindow + 20 * s] = 0.95;
            values[HandMadeSeries.SecondWindow + 60] = 0.8;
            scores.Add(values);
        }
        var candidates = ThresholdSweep.For(0.5);
        var scratch = new bool[2];
        double Total(double threshold) => layouts.Select((l, s) => WindowScorer.RawScore(l, scores[s], threshold, profile, scratch)).Sum();

        var best = ThresholdSweep.Best(layouts, scores, candidates, profile);

        Assert.Contains(best, candidates);
        var bestTotal = Total(best);
        Assert.All(candidates, t => Assert.True(bestTotal >= Total(t) - 1e-9, $"{t}: {Total(t)} beats {best}: {bestTotal}"));
        Assert.True(bestTotal > Total(0.5), "the noise makes the default a poor threshold here");
    }

    [Fact]
    public void Candidates_span_0_to_just_below_1_and_include_the_default()
    {
        var candidates = ThresholdSweep.For(0.6321);

        Assert.Equal(0, candidates[0]);
        Assert.InRange(candidates[^1], 0.99999, 1 - 1e-7);
        Assert.Contains(0.6321, candidates);
        Assert.Equal(candidates.Order(), candidates);
        Assert.Equal(ThresholdSweep.Candidates + 1, candidates.Count);
    }
}
