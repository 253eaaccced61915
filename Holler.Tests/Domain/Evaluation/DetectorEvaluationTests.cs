using Holler.Domain.Evaluation;

namespace Holler.Tests.Domain.Evaluation;

public sealed class DetectorEvaluationTests
{
    private static readonly IReadOnlyList<CorpusEntry> Corpus =
    [
        new("labelled", "hand", () => HandMadeSeries.Create()),
        new("quiet", "calm", () => HandMadeSeries.Create([], "calm") with { Name = "quiet" }),
    ];

    /// <summary>Scores 0.9 at the first row of each hand-made window (in the series that has them), 0.5 on row 10 of every series.</summary>
    private static readonly EvaluatedDetector Oracle = new("oracle", 0.4, series =>
    {
        var scores = new double[series.Rows.Count];
        scores[10] = 0.5;
        if (series.Name == "hand-made")
        {
            scores[HandMadeSeries.FirstWindow] = 0.9;
            scores[HandMadeSeries.SecondWindow] = 0.9;
        }
        return scores;
    });

    private static EvaluationResult Run(params EvaluatedDetector[] detectors) =>
        DetectorEvaluation.Run(Corpus, detectors, HandMadeSeries.Profile);

    [Fact]
    public void The_best_threshold_drops_the_false_alarm_the_default_one_keeps()
    {
        var oracle = Assert.Single(Run(Oracle).Detectors);

        Assert.Equal(0.4, oracle.AtDefault.Threshold);
        Assert.Equal(2, oracle.AtDefault.Overall.FalseAlarms);
        Assert.True(oracle.AtDefault.Overall.NabScore < 100);
        Assert.InRange(oracle.AtBest.Threshold, 0.5 + 1e-9, 0.9);
        Assert.Equal(100, oracle.AtBest.Overall.NabScore!.Value, 9);
        Assert.Equal(0, oracle.AtBest.Overall.FalseAlarms);
    }

    [Fact]
    public void Figures_come_per_category_in_corpus_order_and_for_the_whole_corpus()
    {
        var result = Run(Oracle);

        Assert.Equal(["hand", "calm"], result.Categories);
        Assert.Equal(2, result.Series);
        Assert.Equal(2 * HandMadeSeries.Rows, result.Rows);
        var atDefault = Assert.Single(result.Detectors).AtDefault;
        Assert.Equal(["hand", "calm"], atDefault.Categories.Select(c => c.Group));
        Assert.Null(atDefault.Categories[1].NabScore);
        Assert.Equal(1, atDefault.Categories[1].FalseAlarms);
        Assert.Equal(2, atDefault.Overall.Windows);
    }

    [Fact]
    public void A_detector_that_throws_or_returns_too_few_scores_fails_that_series_and_scores_0_there()
    {
        var throwing = new EvaluatedDetector("throwing", 0.5, series => series.Name == "quiet"
            ? throw new InvalidOperationException("cannot")
            : Enumerable.Repeat(1.0, series.Rows.Count).ToList());
        var short_ = new EvaluatedDetector("short", 0.5, series => new double[3]);

        var result = Run(throwing, short_);

        var t = result.Detectors[0];
        Assert.Equal("calm/quiet: InvalidOperationException: cannot", Assert.Single(t.FailedSeries));
        Assert.Equal(0, t.AtDefault.Categories[1].FalsePositiveRows);
        Assert.Equal(1, t.AtDefault.Overall.FailedSeries);
        Assert.Equal(2, result.Detectors[1].FailedSeries.Count);
        Assert.Equal(0, result.Detectors[1].AtDefault.Overall.NabScore);
    }

    [Fact]
    public void Detectors_never_see_the_labels()
    {
        var seen = new List<int>();
        var peeking = new EvaluatedDetector("peeking", 0.5, series =>
        {
            seen.Add(series.Anomalies.Count);
            return new double[series.Rows.Count];
        });

        Run(peeking);

        Assert.Equal([0, 0], seen);
    }

    [Fact]
    public void NaN_scores_count_as_0_and_scores_out_of_range_are_clamped()
    {
        var odd = new EvaluatedDetector("odd", 0.5, series =>
        {
            var scores = Enumerable.Repeat(double.NaN, series.Rows.Count).ToArray();
            scores[20] = 7;
            scores[21] = -3;
            return scores;
        });

        var (scores, failure) = DetectorEvaluation.ScoreSafely(odd, HandMadeSeries.Create());

        Assert.Null(failure);
        Assert.Equal(1, scores[20]);
        Assert.Equal(0, scores[21]);
        Assert.Equal(0, scores[0]);
    }

    [Fact]
    public void V1_counts_a_series_with_a_repeated_timestamp_as_failed()
    {
        var repeated = HandMadeSeries.Create();
        var rows = repeated.Rows.ToList();
        rows.Insert(600, rows[599]);
        var corpus = new[] { new CorpusEntry("repeated", "hand", () => repeated with { Rows = rows }) };

        var result = DetectorEvaluation.Run(corpus, [ReferenceDetectors.V1, ReferenceDetectors.ZScore100], HandMadeSeries.Profile);

        Assert.Contains("not after the previous row", Assert.Single(result.Detectors[0].FailedSeries));
        Assert.Empty(result.Detectors[1].FailedSeries);
    }
}
