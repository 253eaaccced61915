using System.Text.Json;
using Holler.Domain.Replay;
using Holler.Tests.Support;

namespace Holler.Tests.Cli;

/// <summary><c>holler evaluate</c> as a user runs it: a one-week corpus, JSON out, and the corpus written for <c>holler detect</c>.</summary>
public sealed class EvaluateCliTests
{
    private static readonly string[] Categories = ["steady", "bursty", "surge", "drop", "level-shift", "dst-holiday", "gauge", "messy"];

    [Fact]
    public async Task Evaluate_prints_json_per_category_and_writes_the_corpus_and_the_same_json_to_a_file()
    {
        using var dir = new TempDir();
        var corpus = Path.Combine(dir.Path, "corpus");
        var outFile = Path.Combine(dir.Path, "result.json");

        var result = await HollerProcess.RunAsync(["evaluate", "--weeks", "1", "--detectors", "zscore100", "--json", "--write-corpus", corpus, "--out", outFile],
            timeout: TimeSpan.FromMinutes(5));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("84/84 series", result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("weeks").GetInt32());
        var evaluation = root.GetProperty("result");
        Assert.Equal(Categories, evaluation.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        var detector = Assert.Single(evaluation.GetProperty("detectors").EnumerateArray());
        Assert.Equal("zscore100", detector.GetProperty("name").GetString());
        foreach (var at in new[] { "atDefault", "atBest" })
        {
            var figures = detector.GetProperty(at);
            Assert.Equal(Categories, figures.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("group").GetString()));
            var overall = figures.GetProperty("overall");
            Assert.Equal(evaluation.GetProperty("windows").GetInt32(), overall.GetProperty("windows").GetInt32());
            Assert.InRange(overall.GetProperty("detected").GetInt32(), 1, overall.GetProperty("windows").GetInt32());
        }
        Assert.True(detector.GetProperty("atBest").GetProperty("overall").GetProperty("nabScore").GetDouble()
            >= detector.GetProperty("atDefault").GetProperty("overall").GetProperty("nabScore").GetDouble());

        using var saved = JsonDocument.Parse(await File.ReadAllTextAsync(outFile, TestContext.Current.CancellationToken));
        Assert.Equal(evaluation.GetProperty("rows").GetInt64(), saved.RootElement.GetProperty("result").GetProperty("rows").GetInt64());

        using var labels = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(corpus, "labels.json"), TestContext.Current.CancellationToken));
        var series = labels.RootElement.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(84, series.Count);
        var surge = series.First(s => s.GetProperty("category").GetString() == "surge");
        using var reader = new StreamReader(Path.Combine(corpus, surge.GetProperty("file").GetString()!));
        var rows = SeriesReader.Read(reader).ToList();
        Assert.Equal(surge.GetProperty("rows").GetInt32(), rows.Count);
        var start = surge.GetProperty("anomalies")[0].GetProperty("start").GetString();
        Assert.Contains(rows, r => r.TimestampText == start);
    }

    [Fact]
    public async Task An_unknown_detector_is_one_line_and_exit_code_2()
    {
        var result = await HollerProcess.RunAsync(["evaluate", "--detectors", "v1,nope"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--detectors: unknown detector 'nope'", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task Weeks_out_of_range_is_one_line_and_exit_code_2()
    {
        var result = await HollerProcess.RunAsync(["evaluate", "--weeks", "0"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--weeks must be between 1 and 8", result.Stderr);
    }

    [Fact]
    public async Task Cold_start_prints_false_surges_by_rate_hour_and_minute()
    {
        var result = await HollerProcess.RunAsync(["evaluate", "--cold-start", "240", "--cold-minutes", "5"], timeout: TimeSpan.FromMinutes(2));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("cold start", result.Stdout);
        Assert.Contains("10-100/min", result.Stdout);
        Assert.Contains("by the local hour the node started (US Central): 00h:", result.Stdout);
        Assert.Contains("by the minute after the start they began in: 0:0 1:", result.Stdout);
    }

    [Fact]
    public async Task Cold_minutes_out_of_range_is_one_line_and_exit_code_2()
    {
        var result = await HollerProcess.RunAsync(["evaluate", "--cold-start", "10", "--cold-minutes", "1"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--cold-minutes must be between 2 and 1440, was 1", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
