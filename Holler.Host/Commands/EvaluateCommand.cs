using System.CommandLine;
using System.Diagnostics;
using Holler.Domain.Evaluation;
using Holler.Host.Commands.Evaluate;
using Spectre.Console;

namespace Holler.Host.Commands;

/// <summary>
/// <c>holler evaluate</c>: generates a labelled corpus from a seed and scores every chosen detector on it in the same
/// run, NAB-style and operationally (false alarms per series-week, detection rate, delay), per category.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var detectors = new Option<string?>("--detectors") { Description = $"Comma-separated detectors (default: all: {string.Join(",", DetectorRegistry.All.Select(d => d.Name))})" };
        var seed = new Option<int>("--seed") { Description = "Corpus seed: the same seed generates the same corpus (default: 1)", DefaultValueFactory = _ => 1 };
        var weeks = new Option<int>("--weeks") { Description = $"Length of every series in weeks, 1 to {CorpusOptions.MaxWeeks} (default: {CorpusOptions.Default.Weeks})", DefaultValueFactory = _ => CorpusOptions.Default.Weeks };
        var writeCorpus = new Option<string?>("--write-corpus") { Description = "Also write the corpus here: <category>/<name>.csv and labels.json, for holler detect" };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON on standard output (the tables go to standard error)" };
        var output = new Option<string?>("--out", "-o") { Description = "Also write the JSON results to this file" };
        var live = new Option<int>("--live") { Description = "Instead of the corpus: this many businesses through the live detector, second by second, for --weeks (surges, drops and false alarms by rate)" };
        var coldStart = new Option<int>("--cold-start") { Description = "Instead of the corpus: this many businesses through the live detector from a cold start, second by second, for --cold-minutes, starting at every hour of a week (false alarms by rate)" };
        var coldMinutes = new Option<int>("--cold-minutes") { Description = "With --cold-start: minutes after the start to watch (default: 30)", DefaultValueFactory = _ => 30 };
        var command = new Command("evaluate", "Compare anomaly detectors on a generated, labelled corpus (NAB-style window score, false alarms, detection delay)")
        {
            detectors, seed, weeks, writeCorpus, json, output, live, coldStart, coldMinutes,
        };
        command.SetAction(async (parse, token) =>
        {
            var errors = new List<string>();
            var chosen = new List<EvaluatedDetector>();
            var names = parse.GetValue(detectors) is { } list
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : DetectorRegistry.All.Select(d => d.Name).ToArray();
            foreach (var name in names)
            {
                if (DetectorRegistry.Find(name) is { } detector)
                {
                    if (!chosen.Contains(detector)) chosen.Add(detector);
                }
                else errors.Add($"--detectors: unknown detector '{name}' (known: {string.Join(", ", DetectorRegistry.All.Select(d => d.Name))})");
            }
            if (names.Length == 0) errors.Add("--detectors: needs at least one detector");
            var options = new CorpusOptions(parse.GetValue(weeks));
            errors.AddRange(options.Validate());
            if (parse.GetValue(live) is < 0 or > 100_000) errors.Add($"--live must be between 0 and 100000 businesses, was {parse.GetValue(live)}");
            if (parse.GetValue(coldStart) is < 0 or > 10_000_000) errors.Add($"--cold-start must be between 0 and 10000000 businesses, was {parse.GetValue(coldStart)}");
            if (parse.GetValue(coldMinutes) is < 2 or > 1440) errors.Add($"--cold-minutes must be between 2 and 1440, was {parse.GetValue(coldMinutes)}");
            if (errors.Count > 0)
            {
                foreach (var error in errors) await Console.Error.WriteLineAsync($"holler evaluate: {error}");
                return ExitCodes.BadConfiguration;
            }
            if (parse.GetValue(coldStart) > 0)
                return RunColdStart(new ColdStartSimulation.Options(parse.GetValue(coldStart), parse.GetValue(coldMinutes), Seed: parse.GetValue(seed)));
            if (parse.GetValue(live) > 0) return RunLive(new LiveSimulation.Options(parse.GetValue(live), options.Weeks, parse.GetValue(seed)));
            return await RunAsync(parse.GetValue(seed), options, chosen, parse.GetValue(writeCorpus), parse.GetValue(json), parse.GetValue(output), token);
        });
        return command;
    }

    private static int RunLive(LiveSimulation.Options options)
    {
        var clock = Stopwatch.StartNew();
        var reported = 0;
        var bands = LiveSimulation.Run(options, (day, days) =>
        {
            if (Interlocked.Exchange(ref reported, day) != day) Console.Error.WriteLine($"evaluate --live: day {day}/{days} ({clock.Elapsed.TotalSeconds:F0} s)");
        });
        var detector = options.DetectorSettings;
        var table = new Table().Title($"live detector · {options.Businesses:N0} businesses · {options.Weeks} week(s) · seed {options.Seed} · enter severity {detector.EnterSeverity} · {clock.Elapsed.TotalSeconds:F0} s")
            .AddColumns("rate", "n", "surges ≤60s", "drops ≤3m", "false surges/100bw", "false drops/100bw");
        foreach (var b in bands.Append(Total(bands)))
            table.AddRow(b.Name, b.Businesses.ToString("N0"), $"{b.SurgesFound}/{b.Surges} ({Percent(b.SurgesFound, b.Surges)})",
                $"{b.DropsFound}/{b.Drops} ({Percent(b.DropsFound, b.Drops)})",
                $"{b.FalseSurgesPer100BusinessWeeks:F2} ({b.FalseSurges})", $"{b.FalseDropsPer100BusinessWeeks:F2} ({b.FalseDrops})");
        AnsiConsole.Write(table);
        Console.WriteLine("bw = business-weeks after each business's first day; injected: one 3× surge of 2–10 min and one drop to 30% for 10–30 min per business-week.");
        return ExitCodes.Ok;

        static string Percent(int part, int whole) => whole == 0 ? "-" : $"{100.0 * part / whole:F1} %";
        static LiveSimulation.Band Total(IReadOnlyList<LiveSimulation.Band> bands) => new("all", bands.Sum(b => b.Businesses),
            bands.Sum(b => b.BusinessWeeks), bands.Sum(b => b.Surges), bands.Sum(b => b.SurgesFound), bands.Sum(b => b.Drops),
            bands.Sum(b => b.DropsFound), bands.Sum(b => b.FalseSurges), bands.Sum(b => b.FalseDrops));
    }

    private static int RunColdStart(ColdStartSimulation.Options options)
    {
        var clock = Stopwatch.StartNew();
        var result = ColdStartSimulation.Run(options);
        var detector = options.DetectorSettings;
        var table = new Table().Title($"cold start · {options.Businesses:N0} businesses · first {options.Minutes} min · {options.Starts} starts over a week · seed {options.Seed} · direction {detector.Direction.ToString().ToLowerInvariant()} · enter severity {detector.EnterSeverity} · {clock.Elapsed.TotalSeconds:F0} s")
            .AddColumns("rate", "n", "business-weeks", "false surges/100bw", "false drops/100bw");
        foreach (var b in result.Bands)
            table.AddRow(b.Name, b.Businesses.ToString("N0"), b.BusinessWeeks.ToString("N1"),
                $"{b.FalseSurgesPer100BusinessWeeks:F2} ({b.FalseSurges})", $"{b.FalseDropsPer100BusinessWeeks:F2} ({b.FalseDrops})");
        table.AddRow("all", result.Bands.Sum(b => b.Businesses).ToString("N0"), result.BusinessWeeks.ToString("N1"),
            $"{result.FalseSurgesPer100BusinessWeeks:F2} ({result.FalseSurges})", $"{(result.BusinessWeeks == 0 ? 0 : 100 * result.FalseDrops / result.BusinessWeeks):F2} ({result.FalseDrops})");
        AnsiConsole.Write(table);
        Console.WriteLine("false surges by the local hour the node started (US Central): "
                          + string.Join(" ", result.FalseSurgesByLocalHour.Select((n, h) => $"{h:D2}h:{n}")));
        Console.WriteLine("false surges by the minute after the start they began in: "
                          + string.Join(" ", result.FalseSurgesByMinute.Select((n, m) => $"{m}:{n}")));
        Console.WriteLine("bw = business-weeks of the watched minutes; nothing injected, so every episode is false.");
        return ExitCodes.Ok;
    }

    private static async Task<int> RunAsync(int seed, CorpusOptions options, IReadOnlyList<EvaluatedDetector> detectors, string? corpusDirectory,
        bool json, string? outPath, CancellationToken token)
    {
        var clock = Stopwatch.StartNew();
        var corpus = LabelledCorpus.Plan(seed, options);
        var files = corpusDirectory is null ? null : new CorpusFiles(corpusDirectory, seed, options.Weeks);
        if (files is not null) corpus = corpus.Select(e => e with { Build = () => Written(e.Build(), files) }).ToList();

        var interactive = !Console.IsErrorRedirected;
        var lastLine = TimeSpan.Zero;
        var result = DetectorEvaluation.Run(corpus, detectors, ScoringProfile.Standard, (done, total, name) =>
        {
            token.ThrowIfCancellationRequested();
            if (interactive) Console.Error.Write($"\r\u001b[Kevaluate: {done}/{total} series ({name})");
            else if (done == total || clock.Elapsed - lastLine >= TimeSpan.FromSeconds(5))
            {
                lastLine = clock.Elapsed;
                Console.Error.WriteLine($"evaluate: {done}/{total} series ({name})");
            }
        });
        if (interactive) Console.Error.WriteLine();
        files?.WriteLabels();

        var report = new EvaluationReport(seed, options.Weeks, Math.Round(clock.Elapsed.TotalSeconds, 2), result);
        if (outPath is not null) await File.WriteAllTextAsync(outPath, report.ToJson(), token);
        if (json)
        {
            var errorConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            if (Console.IsErrorRedirected) errorConsole.Profile.Width = 200;
            report.Render(errorConsole);
            await Console.Out.WriteLineAsync(report.ToJson());
            await Console.Out.FlushAsync(token);
        }
        else
        {
            if (Console.IsOutputRedirected) AnsiConsole.Console.Profile.Width = 200;
            report.Render(AnsiConsole.Console);
        }
        return ExitCodes.Ok;
    }

    private static LabelledSeries Written(LabelledSeries series, CorpusFiles files)
    {
        files.Write(series);
        return series;
    }
}
