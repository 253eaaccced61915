using Holler.Domain.Evaluation;

namespace Holler.Tests.Domain.Evaluation;

public sealed class WindowScorerTests
{
    private static readonly SeriesLayout Layout = SeriesLayout.For(HandMadeSeries.Create(), HandMadeSeries.Profile);

    private static SeriesOutcome Score(double[] scores, double threshold = 0.5) => WindowScorer.Score(Layout, scores, threshold, HandMadeSeries.Profile);

    private static double? Nab(SeriesOutcome o) => WindowScorer.Normalised(o.Score, o.Perfect, o.Null);

    [Fact]
    public void Flagging_the_first_row_of_every_window_scores_100_and_nothing_scores_0()
    {
        var perfect = Score(HandMadeSeries.Flags(HandMadeSeries.FirstWindow, HandMadeSeries.SecondWindow));
        var nothing = Score(HandMadeSeries.Flags());

        Assert.Equal(100, Nab(perfect)!.Value, 9);
        Assert.Equal(2, perfect.Detected);
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero], perfect.Delays);
        Assert.Equal(0, Nab(nothing)!.Value, 9);
        Assert.Equal(-2, nothing.Score, 9); // A_FN per window
        Assert.Equal(0, nothing.FalseAlarms);
    }

    [Fact]
    public void Flagging_every_row_detects_everything_but_scores_far_below_nothing()
    {
        var all = Score(Enumerable.Repeat(1.0, HandMadeSeries.Rows).ToArray());

        Assert.Equal(2, all.Detected);
        var outside = HandMadeSeries.Rows - 2 * 145; // each 2.4-hour window holds 145 one-minute rows
        Assert.Equal(outside, all.FalsePositiveRows);
        Assert.Equal(1, all.FalseAlarms); // one run of flags from the first row to the last
        Assert.True(Nab(all) < -1000, $"NAB {Nab(all)}");
    }

    [Fact]
    public void An_early_detection_earns_more_than_a_late_one_and_the_delay_is_reported()
    {
        var early = Score(HandMadeSeries.Flags(HandMadeSeries.FirstWindow + 5));
        var late = Score(HandMadeSeries.Flags(HandMadeSeries.FirstWindow + 120));
        var atStart = Score(HandMadeSeries.Flags(HandMadeSeries.FirstWindow));

        Assert.True(atStart.Score > early.Score && early.Score > late.Score, $"{atStart.Score} > {early.Score} > {late.Score}");
        Assert.True(late.Score > Score(HandMadeSeries.Flags()).Score, "a late detection still beats a miss");
        Assert.Equal(TimeSpan.FromMinutes(5), Assert.Single(early.Delays));
        Assert.Equal(TimeSpan.FromMinutes(120), Assert.Single(late.Delays));
    }

    [Fact]
    public void Only_the_first_flag_in_a_window_counts()
    {
        var once = Score(HandMadeSeries.Flags(HandMadeSeries.FirstWindow + 5));
        var many = Score(HandMadeSeries.Flags(HandMadeSeries.FirstWindow + 5, HandMadeSeries.FirstWindow + 6, HandMadeSeries.FirstWindow + 50));

        Assert.Equal(once.Score, many.Score, 12);
        Assert.Equal(0, many.FalsePositiveRows);
    }

    [Fact]
    public void False_alarm_onsets_count_once_per_run_of_flagged_rows_while_every_row_costs()
    {
        var outcome = Score(HandMadeSeries.Flags(10, 11, 12, 20, 900));

        Assert.Equal(5, outcome.FalsePositiveRows);
        Assert.Equal(3, outcome.FalseAlarms);
        Assert.Equal(-2 + 5 * -0.11, outcome.Score, 9);
    }

    [Fact]
    public void A_run_starting_in_a_window_and_running_past_it_is_a_detection_not_a_new_alarm()
    {
        var end = HandMadeSeries.FirstWindow + 144; // last row of the window
        var outcome = Score(HandMadeSeries.Flags(Enumerable.Range(end - 2, 6).ToArray()));

        Assert.Equal(1, outcome.Detected);
        Assert.Equal(3, outcome.FalsePositiveRows);
        Assert.Equal(0, outcome.FalseAlarms);
    }

    [Fact]
    public void The_threshold_decides_what_is_flagged()
    {
        var scores = new double[HandMadeSeries.Rows];
        scores[HandMadeSeries.FirstWindow] = 0.7;
        scores[300] = 0.6;

        Assert.Equal(1, Score(scores, 0.65).Detected);
        Assert.Equal(0, Score(scores, 0.65).FalsePositiveRows);
        Assert.Equal(1, Score(scores, 0.6).FalsePositiveRows);
        Assert.Equal(0, Score(scores, 0.75).Detected);
    }

    [Fact]
    public void The_raw_score_of_the_sweep_agrees_with_the_full_score()
    {
        var random = new Random(3);
        var scores = Enumerable.Range(0, HandMadeSeries.Rows).Select(_ => random.NextDouble()).ToArray();
        var scratch = new bool[Layout.Labels];

        foreach (var threshold in new[] { 0.0, 0.5, 0.9, 0.999, 1.0 })
            Assert.Equal(Score(scores, threshold).Score, WindowScorer.RawScore(Layout, scores, threshold, HandMadeSeries.Profile, scratch), 9);
    }

    [Fact]
    public void Rows_in_probation_are_not_scored()
    {
        var layout = SeriesLayout.For(HandMadeSeries.Create(), HandMadeSeries.Profile with { Probation = TimeSpan.FromMinutes(50) });

        var outcome = WindowScorer.Score(layout, HandMadeSeries.Flags(10, 60), 0.5, HandMadeSeries.Profile);

        Assert.Equal(1, outcome.FalsePositiveRows);
        Assert.Equal((HandMadeSeries.Rows - 50) / (7.0 * 1440), outcome.ScoredWeeks, 9);
    }

    [Fact]
    public void A_group_without_windows_has_no_nab_score_but_counts_false_alarms_per_series_week()
    {
        var layout = SeriesLayout.For(HandMadeSeries.Create([]), HandMadeSeries.Profile);
        var outcome = WindowScorer.Score(layout, HandMadeSeries.Flags(10, 11, 500), 0.5, HandMadeSeries.Profile);

        var figures = DetectionFigures.Of("quiet", [outcome]);

        Assert.Null(figures.NabScore);
        Assert.Null(figures.DetectionRate);
        Assert.Equal(2, figures.FalseAlarms);
        Assert.Equal(2 / (HandMadeSeries.Rows / (7.0 * 1440)), figures.FalseAlarmsPerSeriesWeek, 9);
    }

    [Fact]
    public void Figures_sum_over_series_before_normalising_and_take_delay_percentiles_over_windows()
    {
        var a = Score(HandMadeSeries.Flags(HandMadeSeries.FirstWindow, HandMadeSeries.SecondWindow + 30));
        var b = Score(HandMadeSeries.Flags(HandMadeSeries.FirstWindow + 10));

        var figures = DetectionFigures.Of("all", [a, b]);

        Assert.Equal(4, figures.Windows);
        Assert.Equal(3, figures.Detected);
        Assert.Equal(0.75, figures.DetectionRate);
        Assert.Equal(WindowScorer.Normalised(a.Score + b.Score, a.Perfect + b.Perfect, a.Null + b.Null), figures.NabScore);
        Assert.Equal(10, figures.MedianDelayMinutes); // delays 0, 10, 30
        Assert.Equal(30, figures.P90DelayMinutes);
    }
}
