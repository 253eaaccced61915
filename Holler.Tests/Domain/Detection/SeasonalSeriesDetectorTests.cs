using Holler.Domain.Detection;
using Holler.Domain.Replay;

namespace Holler.Tests.Domain.Detection;

public class SeasonalSeriesDetectorTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero); // a Monday

    /// <summary>A web-like daily rhythm (lunch and evening peaks, a night trough), periodic at midnight, quieter at weekends.</summary>
    private static double Rhythm(DateTimeOffset t)
    {
        static double Around(double hour, double centre) => Math.Min(Math.Abs(hour - centre), 24 - Math.Abs(hour - centre));
        var h = t.TimeOfDay.TotalHours;
        var day = 0.75 + 0.5 * Math.Exp(-Math.Pow(Around(h, 12.5) / 2.5, 2)) + 0.6 * Math.Exp(-Math.Pow(Around(h, 19) / 2, 2))
                  - 0.5 * Math.Exp(-Math.Pow(Around(h, 3.5) / 3, 2));
        static double Week(DateTimeOffset d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.7 : 1.0;
        var before = Week(t.AddDays(-1));
        return day * (before + (Week(t) - before) * Math.Min(1, h / 6));
    }

    private static List<SeriesRow> Counts(int seed, double perMinute, int minutes, Func<int, double>? multiplier = null)
    {
        var random = new Random(seed);
        var rows = new List<SeriesRow>(minutes);
        for (var i = 0; i < minutes; i++)
        {
            var t = Start.AddMinutes(i);
            rows.Add(Row(i, t, Poisson.Sample(random, perMinute * Rhythm(t) * (multiplier?.Invoke(i) ?? 1))));
        }
        return rows;
    }

    private static SeriesRow Row(int i, DateTimeOffset t, double value) => new(i + 2, t.ToString("O"), t, value);

    private static List<ScoredRow> Score(IEnumerable<SeriesRow> rows, DetectionDirection direction = DetectionDirection.Surge,
        DetectWarnings? warnings = null, ValueKind? kind = null) =>
        SeasonalSeriesDetector.Score(rows, DetectOptions.Default with
        {
            Model = DetectOptions.Default.Model with { Direction = direction },
            Kind = kind,
        }, warnings).ToList();

    private const int Day = 1440;

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 100)]
    [InlineData(3, 1000)]
    public void Steady_seasonal_traffic_raises_no_alarm_in_two_weeks(int seed, double perMinute)
    {
        var scored = Score(Counts(seed, perMinute, 14 * Day));
        var alarms = scored.Where(r => r.Severity >= ModelSettings.DefaultThreshold).ToList();
        Assert.True(alarms.Count == 0, $"{alarms.Count} alarm(s), first at {alarms.FirstOrDefault()?.Timestamp:u} (severity {alarms.FirstOrDefault()?.Severity:F1})");
    }

    [Theory]
    [InlineData(4, 30, 3)]
    [InlineData(5, 100, 3)]
    [InlineData(6, 1000, 3)]
    [InlineData(7, 30, 10)]
    public void A_two_minute_surge_is_flagged_in_its_first_minute(int seed, double perMinute, double factor)
    {
        var at = 9 * Day + 13 * 60; // a weekday lunchtime in the second week
        var scored = Score(Counts(seed, perMinute, 10 * Day, i => i >= at && i < at + 2 ? factor : 1));
        Assert.True(scored[at].Severity >= ModelSettings.DefaultThreshold, $"severity {scored[at].Severity:F2}, z {scored[at].Z:F2}");
        Assert.True(scored[at].Score > 0.5);
    }

    [Fact]
    public void A_drop_is_flagged_only_when_drops_are_watched()
    {
        var at = 9 * Day + 15 * 60;
        var rows = Counts(8, 300, 10 * Day, i => i >= at && i < at + 10 ? 0.3 : 1);
        Assert.True(Score(rows, DetectionDirection.Both)[at].Severity >= ModelSettings.DefaultThreshold);
        Assert.True(Score(rows, DetectionDirection.Drop)[at].Severity >= ModelSettings.DefaultThreshold);
        Assert.True(Score(rows, DetectionDirection.Surge)[at].Severity < 1);
    }

    [Fact]
    public void A_burst_does_not_make_the_series_look_noisy_for_hours()
    {
        var burst = 8 * Day + 10 * 60;
        var later = burst + 90;
        var scored = Score(Counts(9, 50, 9 * Day, i => i >= burst && i < burst + 10 ? 10 : i >= later && i < later + 2 ? 3 : 1));
        Assert.True(scored[later].Severity >= ModelSettings.DefaultThreshold, $"severity {scored[later].Severity:F2} 90 minutes after a burst");
    }

    [Fact]
    public void A_lasting_level_shift_becomes_the_new_normal_within_the_adoption_time()
    {
        var shift = 8 * Day + 11 * 60;
        var scored = Score(Counts(10, 100, 9 * Day, i => i >= shift ? 2 : 1));
        Assert.True(scored[shift].Severity >= ModelSettings.DefaultThreshold, "the shift itself is news");
        var adopt = (int)new ModelSettings().AdoptAfter.TotalMinutes;
        var afterwards = scored.Skip(shift + adopt + 5).Where(r => r.Severity >= ModelSettings.DefaultThreshold).ToList();
        Assert.True(afterwards.Count == 0, $"{afterwards.Count} alarms after adoption, first at {afterwards.FirstOrDefault()?.Timestamp:u}");
    }

    [Fact]
    public void Repeated_and_backward_timestamps_are_scored_and_counted()
    {
        var rows = Counts(11, 20, 2 * Day);
        rows.Insert(1000, rows[999] with { Line = 99999 });                                         // a duplicated row
        rows.Insert(2000, Row(2000, rows[1999].Timestamp.AddMinutes(-55), 20));                   // a jump back of 55 minutes
        var warnings = new DetectWarnings();

        var scored = Score(rows, warnings: warnings);

        Assert.Equal(rows.Count, scored.Count);
        Assert.Equal(2, warnings.OutOfOrder); // the duplicate and the jump back; the row after the jump is later than it
        Assert.Equal(99999, warnings.FirstOutOfOrderLine);
        Assert.All(scored, r => Assert.True(double.IsFinite(r.Score) && r.Score is >= 0 and < 1));
    }

    [Fact]
    public void A_daylight_saving_repeat_in_local_timestamps_is_just_more_rows()
    {
        // New York's autumn change as a local clock writes it: 01:00–01:59 twice.
        var local = new DateTime(2026, 10, 31, 0, 0, 0);
        var rows = new List<SeriesRow>();
        var random = new Random(12);
        for (var i = 0; i < 3 * Day; i++)
        {
            var clock = local.AddMinutes(i);
            if (clock >= new DateTime(2026, 11, 1, 2, 0, 0)) clock = clock.AddHours(-1);
            var t = new DateTimeOffset(clock, TimeSpan.Zero);
            rows.Add(new SeriesRow(i + 2, clock.ToString("yyyy-MM-dd HH:mm:ss"), t, Poisson.Sample(random, 40)));
        }
        var warnings = new DetectWarnings();

        var scored = Score(rows, warnings: warnings);

        Assert.Equal(rows.Count, scored.Count);
        Assert.Equal(1, warnings.OutOfOrder); // the first row of the repeated hour; the rest of it is in order again
        Assert.DoesNotContain(scored, r => r.Severity >= ModelSettings.DefaultThreshold);
    }

    [Fact]
    public void Gauges_with_negative_and_fractional_values_are_scored_as_gauges()
    {
        var random = new Random(13);
        var rows = Enumerable.Range(0, 3 * Day)
            .Select(i => Row(i, Start.AddMinutes(i), 0.4 + 0.2 * Math.Sin(2 * Math.PI * i / Day) + 0.02 * Poisson.Gaussian(random) + (i == 2 * Day + 600 ? 0.5 : 0)))
            .ToList();
        var temperatures = Enumerable.Range(0, Day).Select(i => Row(i, Start.AddMinutes(i), -3 + 0.5 * Poisson.Gaussian(random))).ToList();

        var cpu = Score(rows);
        var resolved = SeasonalSeriesDetector.Resolve(rows.Take(SeasonalSeriesDetector.HeadRows).ToList(), DetectOptions.Default);

        Assert.Equal(ValueKind.Gauge, resolved.Model.Kind);
        Assert.True(cpu[2 * Day + 600].Severity >= ModelSettings.DefaultThreshold, $"spike severity {cpu[2 * Day + 600].Severity:F2}");
        Assert.Equal(2 * Day + 600, cpu.Select((r, i) => (r.Score, i)).Max().i);
        Assert.All(Score(temperatures), r => Assert.True(double.IsFinite(r.Score)));
    }

    [Fact]
    public void A_noiseless_periodic_series_does_not_alarm_once_its_period_is_learned()
    {
        var rows = Enumerable.Range(0, 10 * Day).Select(i => Row(i, Start.AddMinutes(i), 100 + 50 * Math.Sin(2 * Math.PI * i / Day))).ToList();
        var scored = Score(rows, DetectionDirection.Both, kind: ValueKind.Gauge);
        var late = scored.Skip(3 * Day).Max(r => r.Score);
        Assert.True(late < 0.5, $"highest score after three days {late:R}");
    }

    [Fact]
    public void A_rows_score_depends_only_on_earlier_rows()
    {
        var rows = Counts(14, 80, 3 * Day, i => i == 2 * Day + 100 ? 4 : 1);
        var whole = Score(rows);
        var prefix = Score(rows.Take(2 * Day + 200));
        Assert.Equal(prefix.Select(r => r.Score), whole.Take(prefix.Count).Select(r => r.Score));
    }

    [Fact]
    public void More_evidence_always_scores_higher()
    {
        var history = Counts(15, 60, 2 * Day);
        var scores = new[] { 70, 90, 120, 200, 400, 4000, 40000 }.Select(value =>
        {
            var rows = history.Append(Row(history.Count, Start.AddMinutes(history.Count), value)).ToList();
            return Score(rows)[^1].Score;
        }).ToList();
        for (var i = 1; i < scores.Count; i++) Assert.True(scores[i] > scores[i - 1], $"{string.Join(", ", scores.Select(s => s.ToString("R")))}");
    }
}
