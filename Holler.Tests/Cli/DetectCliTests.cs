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
}
