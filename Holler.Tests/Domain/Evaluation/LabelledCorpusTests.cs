using Holler.Domain.Evaluation;
using Holler.Domain.Replay;

namespace Holler.Tests.Domain.Evaluation;

public sealed class LabelledCorpusTests(OneWeekCorpus corpus) : IClassFixture<OneWeekCorpus>
{
    private static readonly string[] Categories = ["steady", "bursty", "surge", "drop", "level-shift", "dst-holiday", "gauge", "messy"];

    [Fact]
    public void The_same_seed_generates_the_same_corpus_and_another_seed_a_different_one()
    {
        var again = LabelledCorpus.Generate(1, new CorpusOptions(Weeks: 1)).ToList();
        var other = LabelledCorpus.Generate(2, new CorpusOptions(Weeks: 1)).ToList();

        Assert.Equal(corpus.Series.Count, again.Count);
        for (var s = 0; s < again.Count; s++)
        {
            Assert.Equal(corpus.Series[s].Name, again[s].Name);
            Assert.Equal(corpus.Series[s].Rows, again[s].Rows);
            Assert.Equal(corpus.Series[s].Anomalies, again[s].Anomalies);
        }
        var differing = other.Zip(corpus.Series, (a, b) => !a.Rows.Select(r => r.Value).SequenceEqual(b.Rows.Select(r => r.Value))).Count(d => d);
        Assert.Equal(corpus.Series.Count, differing);
    }

    [Fact]
    public void Every_category_has_several_series_and_the_anomaly_categories_have_labels()
    {
        Assert.Equal(Categories, corpus.Series.Select(s => s.Category).Distinct());
        foreach (var category in Categories) Assert.True(corpus.In(category).Count() >= 6, category);
        foreach (var category in new[] { "steady", "bursty", "dst-holiday" }) Assert.All(corpus.In(category), s => Assert.Empty(s.Anomalies));
        foreach (var category in new[] { "surge", "drop", "level-shift", "gauge", "messy" }) Assert.All(corpus.In(category), s => Assert.NotEmpty(s.Anomalies));
        Assert.Equal(corpus.Series.Count, corpus.Series.Select(s => s.Name).Distinct().Count());
        var rows = corpus.Series.Sum(s => s.Rows.Count);
        Assert.InRange(rows, 500_000, 1_500_000); // a few million at the default three weeks
    }

    [Fact]
    public void Windows_start_on_a_row_after_the_probation_day_do_not_overlap_and_end_inside_the_series()
    {
        foreach (var series in corpus.Series.Where(s => s.Anomalies.Count > 0))
        {
            var first = series.Rows[0].Timestamp;
            var last = series.Rows.Max(r => r.Timestamp);
            var stamps = series.Rows.Select(r => r.Timestamp).ToHashSet();
            for (var i = 0; i < series.Anomalies.Count; i++)
            {
                var w = series.Anomalies[i];
                Assert.True(w.Start >= first + LabelledCorpus.Probation, $"{series.Name}: window at {w.Start} in probation");
                Assert.Contains(w.Start, stamps);
                Assert.True(w.End <= last, $"{series.Name}: window ends {w.End} after the last row {last}");
                Assert.True(w.Length >= AnomalyWindow.MinimumLength);
                Assert.True(w.AnomalyEnd > w.Start);
                if (i > 0) Assert.True(series.Anomalies[i - 1].End < w.Start, $"{series.Name}: windows {i - 1} and {i} overlap");
            }
        }
    }

    [Fact]
    public void Surge_windows_are_at_least_twice_the_hour_before_and_drop_windows_at_most_half()
    {
        foreach (var series in corpus.In("surge").Concat(corpus.In("drop")))
        {
            var (inside, before) = Totals(series, a => a.AnomalyEnd);
            var ratio = inside / Math.Max(before, 1e-9);
            if (series.Category == "surge") Assert.True(ratio >= 2, $"{series.Name}: surges are only {ratio:F2}x the hour before");
            else Assert.True(ratio <= 0.5, $"{series.Name}: drops are still {ratio:F2}x the hour before");
        }
    }

    [Fact]
    public void Gauge_spikes_pin_cpu_near_one_and_latency_spikes_multiply_it()
    {
        foreach (var series in corpus.In("gauge"))
            foreach (var anomaly in series.Anomalies)
            {
                var inside = Mean(series, anomaly.Start, anomaly.AnomalyEnd);
                var before = Mean(series, anomaly.Start.AddHours(-1), anomaly.Start);
                if (series.Name.StartsWith("cpu") && anomaly.Kind == AnomalyKind.Surge) Assert.True(inside >= 0.95, $"{series.Name}: {anomaly.Shape} averages {inside:F3}");
                else if (series.Name.StartsWith("cpu")) Assert.True(inside <= 0.02, $"{series.Name}: {anomaly.Shape} averages {inside:F3}");
                else Assert.True(inside >= 3 * before, $"{series.Name}: {anomaly.Shape} is {inside:F1} ms against {before:F1} ms before");
            }
    }

    [Fact]
    public void A_level_shift_doubles_or_halves_the_day_after_against_the_day_before()
    {
        foreach (var series in corpus.In("level-shift"))
        {
            var step = Assert.Single(series.Anomalies);
            var after = Mean(series, step.Start, step.Start.AddDays(1));
            var before = Mean(series, step.Start.AddDays(-1), step.Start);
            var expected = series.Name.StartsWith("shift-x2") ? 2 : 0.5;
            Assert.InRange(after / before, expected * 0.8, expected * 1.25);
            Assert.Equal(series.Rows[^1].Timestamp, step.AnomalyEnd);
            Assert.Equal(AnomalyWindow.MinimumLength, step.Length);
        }
    }

    [Fact]
    public void Local_time_series_repeat_the_fall_back_hour_and_skip_the_spring_forward_hour()
    {
        var fallBack = corpus.Named("ny-fall-back-local-1m").Rows;
        var backwards = Steps(fallBack).Where(s => s.Gap < TimeSpan.Zero).ToList();
        var back = Assert.Single(backwards);
        Assert.Equal("2024-11-03 01:00:00", back.Row.TimestampText);
        Assert.Equal(TimeSpan.FromMinutes(-59), back.Gap);

        var spring = corpus.Named("ny-spring-forward-local-1m").Rows;
        var jump = Assert.Single(Steps(spring), s => s.Gap != TimeSpan.FromMinutes(1));
        Assert.Equal("2024-03-10 03:00:00", jump.Row.TimestampText);
        Assert.Equal(TimeSpan.FromMinutes(61), jump.Gap);
    }

    [Fact]
    public void A_holiday_looks_like_a_sunday()
    {
        // Office traffic: Thanksgiving Thursday against the Wednesday before it, both in New York time.
        var series = corpus.Named("ny-thanksgiving-office-1m");
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        double Day(DateTime date)
        {
            var from = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(date, zone));
            return Mean(series, from, from.AddDays(1));
        }
        var thanksgiving = Day(new DateTime(2024, 11, 28));
        var wednesday = Day(new DateTime(2024, 11, 27));
        var sunday = Day(new DateTime(2024, 11, 24));
        Assert.True(thanksgiving < 0.5 * wednesday, $"Thanksgiving {thanksgiving:F1}/min against Wednesday {wednesday:F1}/min");
        Assert.InRange(thanksgiving / sunday, 0.8, 1.25);
    }

    [Fact]
    public void Messy_files_have_duplicates_a_55_minute_step_back_negative_values_and_long_zero_runs()
    {
        var duplicated = corpus.Named("duplicated-rows-300pm").Rows;
        Assert.Contains(Steps(duplicated), s => s.Gap == TimeSpan.Zero && s.Row.Value == s.Previous.Value);

        var clock = corpus.Named("clock-back-55m-100pm").Rows;
        var back = Assert.Single(Steps(clock), s => s.Gap < TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromMinutes(-54), back.Gap); // a 1-minute row later, 55 minutes earlier on the clock

        Assert.Contains(corpus.Named("temperature-delta").Rows, r => r.Value < -2);

        var sparse = corpus.Named("zero-runs-0.1pm").Rows;
        var longest = 0;
        var run = 0;
        foreach (var row in sparse)
        {
            run = row.Value == 0 ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        Assert.True(longest >= 180, $"longest run of zeros {longest} rows");
    }

    [Theory]
    [InlineData("2024-03-10T07:05:09+00:00", false)]
    [InlineData("0999-12-31T23:59:59+00:00", true)]
    public void Timestamps_are_written_as_the_reader_expects(string at, bool local)
    {
        var stamp = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
        var expected = stamp.ToString(local ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, SeriesBuilder.Text(stamp, local));
        Assert.True(SeriesTimestamp.TryParse(expected, out var read) && read == stamp);
    }

    private static IEnumerable<(SeriesRow Previous, SeriesRow Row, TimeSpan Gap)> Steps(IReadOnlyList<SeriesRow> rows) =>
        rows.Zip(rows.Skip(1), (a, b) => (a, b, b.Timestamp - a.Timestamp));

    private static double Mean(LabelledSeries series, DateTimeOffset from, DateTimeOffset to) =>
        series.Rows.Where(r => r.Timestamp >= from && r.Timestamp < to).Average(r => r.Value);

    /// <summary>Sums over all anomalies of a series: inside each, and over the same number of rows just before it.</summary>
    private static (double Inside, double Before) Totals(LabelledSeries series, Func<AnomalyWindow, DateTimeOffset> end)
    {
        double inside = 0, before = 0;
        foreach (var anomaly in series.Anomalies)
        {
            var rows = series.Rows.Where(r => r.Timestamp >= anomaly.Start && r.Timestamp < end(anomaly)).ToList();
            inside += rows.Sum(r => r.Value);
            var span = TimeSpan.FromHours(1);
            before += series.Rows.Where(r => r.Timestamp >= anomaly.Start - span && r.Timestamp < anomaly.Start).Average(r => r.Value) * rows.Count;
        }
        return (inside, before);
    }
}
