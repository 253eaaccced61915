using Holler.Domain.Evaluation;
using Holler.Domain.Replay;

namespace Holler.Tests.Domain.Evaluation;

public sealed class ReferenceDetectorsTests
{
    private static LabelledSeries Series(IEnumerable<(DateTimeOffset At, double Value)> rows) =>
        new("test", "test", TimeSpan.FromMinutes(5), SeriesKind.Count,
            rows.Select((r, i) => new SeriesRow(i + 2, r.At.ToString("O"), r.At, r.Value)).ToList(), []);

    private static List<(DateTimeOffset, double)> Seasonal(int seed, int rows) => Holler.Tests.Domain.Replay.SyntheticSeries.Generate(seed, TimeSpan.FromMinutes(5), rows);

    [Fact]
    public void V1_scores_exactly_as_holler_detect_does()
    {
        var series = Series(Seasonal(1, 600));

        var scores = ReferenceDetectors.V1.Score(series);

        var expected = SeriesDetector.Score(series.Rows, SeriesDetectorOptions.Default).Select(r => r.Score).ToList();
        Assert.Equal(expected, scores);
        Assert.IsNotType<IncompleteScores>(scores);
        Assert.Equal(1 - 1 / Math.E, ReferenceDetectors.V1.DefaultThreshold, 12);
    }

    [Fact]
    public void V1_on_a_repeated_timestamp_keeps_the_rows_before_it_and_scores_the_rest_0()
    {
        var rows = Seasonal(2, 600);
        rows.Insert(400, rows[399]); // a duplicated row
        rows[500] = (rows[500].Item1, rows[500].Item2 * 10); // a spike v1 never gets to see

        var scores = ReferenceDetectors.V1.Score(Series(rows));

        var incomplete = Assert.IsType<IncompleteScores>(scores);
        Assert.Contains("line 402", incomplete.Reason);
        Assert.Equal(rows.Count, scores.Count);
        var before = SeriesDetector.Score(Series(rows.Take(400)).Rows, SeriesDetectorOptions.Default).Select(r => r.Score);
        Assert.Equal(before, scores.Take(400));
        Assert.All(scores.Skip(400), s => Assert.Equal(0, s));
    }

    [Fact]
    public void Zscore100_flags_a_spike_and_a_drop_but_not_the_noise_around_them()
    {
        var random = new Random(3);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(0, 600).Select(i => (start.AddMinutes(5 * i), (double)Holler.Tests.Domain.Poisson.Sample(random, 100))).ToList();
        rows[300] = (rows[300].Item1, rows[300].Item2 * 3);
        rows[450] = (rows[450].Item1, 0);

        var scores = ReferenceDetectors.ZScore100.Score(Series(rows));

        var threshold = ReferenceDetectors.ZScore100.DefaultThreshold;
        Assert.All(scores.Take(100), s => Assert.Equal(0, s));
        Assert.True(scores[300] >= threshold, $"spike {scores[300]:F3}");
        Assert.True(scores[450] >= threshold, $"drop {scores[450]:F3}");
        Assert.Equal(2, scores.Count(s => s >= threshold));
    }

    [Fact]
    public void Zscore100_maps_four_standard_deviations_to_the_alarm_score()
    {
        // 100 rows alternating 9 and 11: mean 10, standard deviation 1; then 14 is exactly z = 4.
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var values = Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? 9.0 : 11.0).Append(14).Append(10);
        var scores = ReferenceDetectors.ZScore100.Score(Series(values.Select((v, i) => (start.AddMinutes(5 * i), v))));

        Assert.Equal(1 - 1 / Math.E, scores[100], 9);
    }

    [Fact]
    public void The_registry_finds_detectors_by_name_whatever_the_case()
    {
        Assert.Same(ReferenceDetectors.V1, DetectorRegistry.Find("V1"));
        Assert.Same(ReferenceDetectors.ZScore100, DetectorRegistry.Find("zscore100"));
        Assert.Null(DetectorRegistry.Find("nope"));
        Assert.Equal(DetectorRegistry.All.Count, DetectorRegistry.All.Select(d => d.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
