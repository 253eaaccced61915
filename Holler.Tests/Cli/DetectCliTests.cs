using System.Globalization;
using System.Text;
using Holler.Tests.Support;

namespace Holler.Tests.Cli;

/// <summary><c>holler detect</c> as a user runs it: a CSV with a planted spike in, scores out.</summary>
public sealed class DetectCliTests
{
    private static string Series(out string spikeTimestamp)
    {
        var random = new Random(5);
        var csv = new StringBuilder("timestamp,value\n");
        var start = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        spikeTimestamp = "";
        for (var i = 0; i < 2 * 288; i++)
        {
            var at = start.AddMinutes(5 * i);
            var daily = 100 + 40 * Math.Sin(2 * Math.PI * at.TimeOfDay.TotalHours / 24);
            var value = Math.Round(daily + random.Next(-10, 11));
            if (i == 400)
            {
                value *= 5;
                spikeTimestamp = at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            }
            csv.Append(at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return csv.ToString();
    }

    [Fact]
    public async Task The_planted_spike_scores_highest_reading_stdin()
    {
        var input = Series(out var spike);

        var result = await HollerProcess.RunAsync(["detect"], stdin: input);

        Assert.Equal(0, result.ExitCode);
        var rows = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("timestamp,value,anomaly_score", rows[0]);
        Assert.Equal(input.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, rows.Length);
        var scored = rows.Skip(1).Select(r => r.Split(',')).Select(p => (Timestamp: p[0], Score: double.Parse(p[2], CultureInfo.InvariantCulture))).ToList();
        Assert.All(scored, s => Assert.InRange(s.Score, 0, 1));
        Assert.Equal(spike, scored.MaxBy(s => s.Score).Timestamp);
    }

    [Fact]
    public async Task Reads_a_file_and_writes_out()
    {
        using var dir = new TempDir();
        var input = Path.Combine(dir.Path, "series.csv");
        var output = Path.Combine(dir.Path, "scores.csv");
        await File.WriteAllTextAsync(input, Series(out var spike), TestContext.Current.CancellationToken);

        var result = await HollerProcess.RunAsync(["detect", input, "--out", output, "--half-life", "1h", "--warmup", "2h"]);

        Assert.Equal(0, result.ExitCode);
        var top = File.ReadAllLines(output).Skip(1).Select(r => r.Split(',')).MaxBy(p => double.Parse(p[2], CultureInfo.InvariantCulture))!;
        Assert.Equal(spike, top[0]);
    }

    [Fact]
    public async Task A_bad_row_is_reported_with_its_line_and_exit_code_2()
    {
        var result = await HollerProcess.RunAsync(["detect"], stdin: "timestamp,value\n2024-01-01 00:00:00,1\nnot a time,2\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 3", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    // ---- files as they come: clocks put back, rows told twice, values of any sign and size ----

    private const string Format = "yyyy-MM-dd HH:mm:ss";

    /// <summary>Two days of a daily rhythm of counts every 5 minutes, as timestamp,value lines (no header).</summary>
    private static List<string> CountRows(DateTime start, int rows = 2 * 288)
    {
        var random = new Random(11);
        return Enumerable.Range(0, rows).Select(i =>
        {
            var at = start.AddMinutes(5 * i);
            var value = Math.Round(100 + 40 * Math.Sin(2 * Math.PI * at.TimeOfDay.TotalHours / 24) + random.Next(-10, 11));
            return $"{at.ToString(Format, CultureInfo.InvariantCulture)},{value.ToString(CultureInfo.InvariantCulture)}";
        }).ToList();
    }

    private static string Csv(IEnumerable<string> rows) => "timestamp,value\n" + string.Join('\n', rows) + "\n";

    /// <summary>Runs detect on <paramref name="rows"/> and checks what every file must give: exit 0 and one output row
    /// per input row, in input order, timestamp and value echoed, score in [0, 1).</summary>
    private static async Task<(List<double> Scores, string Stderr)> Detect(List<string> rows, params string[] options)
    {
        var result = await HollerProcess.RunAsync(["detect", .. options], stdin: Csv(rows));

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("timestamp,value,anomaly_score", lines[0]);
        Assert.Equal(rows.Count, lines.Length - 1);
        var scores = new List<double>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.StartsWith(rows[i] + ",", lines[i + 1]);
            var score = double.Parse(lines[i + 1][(rows[i].Length + 1)..], CultureInfo.InvariantCulture);
            Assert.InRange(score, 0, 0.999999999999);
            scores.Add(score);
        }
        return (scores, result.Stderr);
    }

    private static void AssertOneWarning(string stderr, int rows, string firstAt)
    {
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"holler detect: warning: {rows} row(s) not after the previous row's timestamp", line);
        Assert.Contains($"first at line {firstAt}", line);
    }

    [Fact]
    public async Task A_daylight_saving_hour_told_twice_is_scored_with_one_warning()
    {
        // Local wall-clock times in Chicago across the fall-back night: 01:00 to 01:55 comes twice.
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var start = new DateTime(2024, 11, 2, 12, 0, 0, DateTimeKind.Utc);
        var rows = CountRows(new DateTime(2024, 11, 2, 0, 0, 0)).Select((row, i) =>
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(start.AddMinutes(5 * i), chicago);
            return local.ToString(Format, CultureInfo.InvariantCulture) + row[Format.Length..];
        }).ToList();
        var first = rows.FindIndex(r => r.StartsWith("2024-11-03 01:00:00", StringComparison.Ordinal));
        var second = rows.FindLastIndex(r => r.StartsWith("2024-11-03 01:00:00", StringComparison.Ordinal));
        Assert.Equal(first + 12, second); // the file does repeat the hour

        var (_, stderr) = await Detect(rows);

        // Only the row where the clock went back is not after its predecessor; the hour's later rows follow on.
        AssertOneWarning(stderr, 1, $"{second + 2}: 2024-11-03 01:00:00 after 2024-11-03 01:55:00");
    }

    [Fact]
    public async Task Duplicated_rows_are_scored_with_one_warning_counting_them()
    {
        var rows = CountRows(new DateTime(2024, 3, 1));
        foreach (var at in new[] { 300, 200, 100 }) rows.Insert(at + 1, rows[at]); // each told twice, later indices first

        var (scores, stderr) = await Detect(rows);

        AssertOneWarning(stderr, 3, $"{100 + 3}: {rows[101][..Format.Length]} after {rows[100][..Format.Length]}");
        Assert.All(scores, s => Assert.True(s < 0.5, $"score {s}")); // a duplicate of an ordinary row is ordinary
    }

    [Fact]
    public async Task A_clock_put_back_55_minutes_is_scored_with_one_warning()
    {
        var rows = CountRows(new DateTime(2024, 3, 1));
        var back = rows.Take(300).Concat(CountRows(new DateTime(2024, 3, 1).AddMinutes(5 * 300 - 60), 276)).ToList();
        Assert.Equal(rows.Count, back.Count);

        var (_, stderr) = await Detect(back);

        // Row 301 (line 302) is 55 minutes before row 300: 24:55 after the start, then 24:00 again.
        AssertOneWarning(stderr, 1, $"302: {back[300][..Format.Length]} after {back[299][..Format.Length]}");
    }

    [Fact]
    public async Task Negative_values_are_a_gauge_and_a_plunge_scores_highest()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 2 * 288).Select(i =>
        {
            var at = new DateTime(2024, 1, 10).AddMinutes(5 * i);
            var value = i == 450 ? -60 : -10 + 3 * Math.Sin(2 * Math.PI * at.TimeOfDay.TotalHours / 24) + random.NextDouble() - 0.5;
            return $"{at.ToString(Format, CultureInfo.InvariantCulture)},{Math.Round(value, 2).ToString(CultureInfo.InvariantCulture)}";
        }).ToList();

        var (scores, stderr) = await Detect(rows);

        Assert.Empty(stderr);
        Assert.Equal(450, scores.IndexOf(scores.Max()));
        Assert.True(scores[450] > 0.5, $"plunge scored {scores[450]}");
    }

    [Fact]
    public async Task Values_between_0_and_1_are_a_gauge_and_a_jump_scores_highest()
    {
        var random = new Random(4);
        var rows = Enumerable.Range(0, 2 * 288).Select(i =>
        {
            var at = new DateTime(2024, 1, 10).AddMinutes(5 * i);
            var value = i == 500 ? 0.97 : 0.3 + 0.05 * Math.Sin(2 * Math.PI * at.TimeOfDay.TotalHours / 24) + 0.02 * (random.NextDouble() - 0.5);
            return $"{at.ToString(Format, CultureInfo.InvariantCulture)},{Math.Round(value, 4).ToString(CultureInfo.InvariantCulture)}";
        }).ToList();

        var (scores, stderr) = await Detect(rows);

        Assert.Empty(stderr);
        Assert.Equal(500, scores.IndexOf(scores.Max()));
        Assert.True(scores[500] > 0.5, $"jump scored {scores[500]}");
    }

    [Theory]
    [InlineData("--kind", "counts")]
    [InlineData("--direction", "up")]
    public async Task An_unknown_choice_exits_2_naming_the_option(string option, string value)
    {
        var result = await HollerProcess.RunAsync(["detect", option, value], stdin: Csv(CountRows(new DateTime(2024, 3, 1), 10)));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"holler detect: {option}: '{value}' is not ", line);
        Assert.Equal("", result.Stdout);
    }
}
