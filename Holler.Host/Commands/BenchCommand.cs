using System.CommandLine;
using System.Globalization;
using Holler.Host.Commands.Bench;
using Spectre.Console;

namespace Holler.Host.Commands;

/// <summary><c>holler bench</c>: the performance scenarios of docs/architecture.md#performance-model, as a table or
/// JSON.</summary>
public static class BenchCommand
{
    private static readonly string[] Known = ["engine", "kafka", "freshness", "scale"];
    /// <summary>Run only when asked for: they measure a failure mode or a side path, not the engine.</summary>
    private static readonly string[] Optional = ["alerts", "history", "recovery", "kafka-steps"];

    public static Command Create()
    {
        var defaults = new BenchSettings();
        var scenarios = new Option<string>("--scenarios") { Description = "Comma-separated: engine, kafka, freshness, scale (the default), alerts, history, recovery, kafka-steps", DefaultValueFactory = _ => string.Join(",", Known) };
        var businesses = new Option<int>("--businesses") { Description = "Businesses in engine, kafka and freshness (default: 200000)", DefaultValueFactory = _ => defaults.Businesses };
        var zipf = new Option<double>("--zipf") { Description = "Zipf exponent of business popularity (default: 1.0)", DefaultValueFactory = _ => defaults.Zipf };
        var duration = new Option<string>("--duration") { Description = "Engine's measured time after warm-up (default: 30s)", DefaultValueFactory = _ => "30s" };
        var warmup = new Option<string>("--warmup") { Description = "Engine's warm-up (default: 10s)", DefaultValueFactory = _ => "10s" };
        var kafkaFor = new Option<string>("--kafka-duration") { Description = "Time Holler's ingest spends applying kafka's pre-filled rounds, summed; rounds go on until it is reached (default: 5s, at least 3 rounds)", DefaultValueFactory = _ => "5s" };
        var kafkaWarmup = new Option<int>("--kafka-warmup-rounds") { Description = "Pre-filled rounds read by both consumers before kafka measures (default: 1)", DefaultValueFactory = _ => defaults.KafkaWarmupRounds };
        var step = new Option<string>("--kafka-step") { Description = "How long each offered rate is held in kafka-steps (default: 5s)", DefaultValueFactory = _ => "5s" };
        var startRate = new Option<double>("--kafka-start-rate") { Description = "First offered rate in kafka-steps (default: 2000; ×1.5 a step)", DefaultValueFactory = _ => defaults.KafkaStartRate };
        var maxRate = new Option<double>("--kafka-max-rate") { Description = "Highest offered rate in kafka-steps (default: 2000000)", DefaultValueFactory = _ => defaults.KafkaMaxRate };
        var corpus = new Option<int>("--corpus") { Description = "Pre-built events cycled through (default: 500000)", DefaultValueFactory = _ => defaults.CorpusEvents };
        var fresh = new Option<string>("--freshness-rates") { Description = "Offered rates for freshness (default: 4000,100000)", DefaultValueFactory = _ => "4000,100000" };
        var freshFor = new Option<string>("--freshness-duration") { Description = "Probing time per freshness rate, one probe a second, after 70 s of baseline warm-up (default: 30s)", DefaultValueFactory = _ => "30s" };
        var scale = new Option<string>("--scale-businesses") { Description = "Business counts for scale (default: 10000,100000,1000000)", DefaultValueFactory = _ => "10000,100000,1000000" };
        var scaleRate = new Option<double>("--scale-rate") { Description = "Offered events/s in scale (default: 20000)", DefaultValueFactory = _ => defaults.ScaleRate };
        var scaleFor = new Option<string>("--scale-duration") { Description = "Measured time per scale size (default: 20s)", DefaultValueFactory = _ => "20s" };
        var persistence = new Option<string>("--persistence") { Description = "Tracker persistence: memory (default), sqlite, or postgres (the database in HOLLER_PERSISTENCE__CONNECTIONSTRING, which should be empty)", DefaultValueFactory = _ => defaults.Persistence };
        var batch = new Option<int>("--batch-records") { Description = "Ingest micro-batch size (default: 20000, as a node)", DefaultValueFactory = _ => defaults.BatchRecords };
        var alertsPhase = new Option<string>("--alerts-phase") { Description = "How long each receiver behaviour lasts in alerts, at --scale-rate (default: 30s)", DefaultValueFactory = _ => "30s" };
        var historyRate = new Option<double>("--history-rate") { Description = "Events/s whose minute rows the history scenario writes (default: 20000)", DefaultValueFactory = _ => defaults.HistoryRate };
        var historyDb = new Option<string?>("--history-postgres") { Description = "PostgreSQL connection string for the history scenario (default: SQLite in a temporary folder)" };
        var batchLinger = new Option<int>("--batch-linger-ms") { Description = "The node's Ingest:BatchLingerMs in engine, kafka, freshness, scale and alerts (default: 0, a fixed micro-batch window)", DefaultValueFactory = _ => defaults.BatchLingerMs };
        var checkpointBytes = new Option<long>("--checkpoint-bytes") { Description = "The node's Ingest:CheckpointBytes in engine, kafka, scale and recovery (default: 1048576; larger suits a Kafka with long retention)", DefaultValueFactory = _ => defaults.CheckpointBytes };
        var recoveryRate = new Option<double>("--recovery-rate") { Description = "Offered events/s in recovery, while the node is killed and restarted (default: 4000)", DefaultValueFactory = _ => defaults.RecoveryRate };
        var recoveryBusinesses = new Option<int>("--recovery-businesses") { Description = "Businesses in recovery, each one's total checked (default: 10000)", DefaultValueFactory = _ => defaults.RecoveryBusinesses };
        var recoveryPhase = new Option<string>("--recovery-phase") { Description = "Traffic in recovery before the kill, and after the node caught up (default: 20s)", DefaultValueFactory = _ => "20s" };
        var recoveryPartitions = new Option<int>("--recovery-partitions") { Description = $"Partitions of the recovery scenario's topic (default: {Holler.Kafka.EmbeddedKafka.DefaultPartitions}, as holler kafka-dev creates)", DefaultValueFactory = _ => defaults.RecoveryPartitions };
        var dimensions = new Option<string>("--dimensions") { Description = "on (default) or off: whether the node keeps per-business dimension breakdowns, for the pair that prices them", DefaultValueFactory = _ => "on" };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON on standard output (the table goes to standard error)" };
        var command = new Command("bench", "Measure throughput, Kafka path, freshness and scale (targets: docs/architecture.md#performance-model); --json for machine-readable results")
        {
            scenarios, businesses, zipf, duration, warmup, kafkaFor, kafkaWarmup, step, startRate, maxRate, corpus, fresh, freshFor, scale, scaleRate, scaleFor, persistence, batch, alertsPhase,
            historyRate, historyDb, checkpointBytes, batchLinger, recoveryRate, recoveryBusinesses, recoveryPhase, recoveryPartitions, dimensions, json,
        };
        command.SetAction(async (parse, token) =>
        {
            var errors = new List<string>();
            var chosen = Split(parse.GetValue(scenarios)!).Select(s => s.ToLowerInvariant()).ToList();
            foreach (var s in chosen.Where(s => !Known.Contains(s) && !Optional.Contains(s)))
                errors.Add($"--scenarios: unknown scenario '{s}' (known: {string.Join(", ", Known.Concat(Optional))})");
            var settings = new BenchSettings
            {
                Scenarios = chosen,
                Businesses = parse.GetValue(businesses),
                Zipf = parse.GetValue(zipf),
                Duration = Duration(parse.GetValue(duration)!, "--duration", errors),
                Warmup = Duration(parse.GetValue(warmup)!, "--warmup", errors, allowZero: true),
                KafkaDuration = Duration(parse.GetValue(kafkaFor)!, "--kafka-duration", errors),
                KafkaWarmupRounds = parse.GetValue(kafkaWarmup),
                KafkaStep = Duration(parse.GetValue(step)!, "--kafka-step", errors),
                KafkaStartRate = parse.GetValue(startRate),
                KafkaMaxRate = parse.GetValue(maxRate),
                CorpusEvents = parse.GetValue(corpus),
                FreshnessRates = Numbers(parse.GetValue(fresh)!, "--freshness-rates", errors),
                FreshnessDuration = Duration(parse.GetValue(freshFor)!, "--freshness-duration", errors),
                ScaleBusinesses = Numbers(parse.GetValue(scale)!, "--scale-businesses", errors).Select(n => (int)n).ToList(),
                ScaleRate = parse.GetValue(scaleRate),
                ScaleDuration = Duration(parse.GetValue(scaleFor)!, "--scale-duration", errors),
                AlertsPhase = Duration(parse.GetValue(alertsPhase)!, "--alerts-phase", errors),
                Persistence = parse.GetValue(persistence)!.Trim().ToLowerInvariant(),
                BatchRecords = parse.GetValue(batch),
                HistoryRate = parse.GetValue(historyRate),
                HistoryConnectionString = parse.GetValue(historyDb),
                CheckpointBytes = parse.GetValue(checkpointBytes),
                BatchLingerMs = parse.GetValue(batchLinger),
                RecoveryRate = parse.GetValue(recoveryRate),
                RecoveryBusinesses = parse.GetValue(recoveryBusinesses),
                RecoveryPhase = Duration(parse.GetValue(recoveryPhase)!, "--recovery-phase", errors),
                RecoveryPartitions = parse.GetValue(recoveryPartitions),
                Dimensions = parse.GetValue(dimensions)!.Trim().ToLowerInvariant() != "off",
            };
            if (parse.GetValue(dimensions)!.Trim().ToLowerInvariant() is not ("on" or "off")) errors.Add("--dimensions must be on or off");
            if (settings.Businesses is < 1000 or > 10_000_000) errors.Add("--businesses must be between 1000 and 10000000");
            if (settings.ScaleBusinesses.Any(n => n is < 1000 or > 10_000_000)) errors.Add("--scale-businesses must each be between 1000 and 10000000");
            if (settings.Zipf is < 0 or > 5) errors.Add("--zipf must be between 0 and 5");
            if (settings.Persistence is not ("memory" or "sqlite" or "postgres")) errors.Add("--persistence must be memory, sqlite or postgres");
            if (settings.Persistence == "postgres" && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(BenchNode.PostgresVariable)))
                errors.Add($"--persistence postgres needs {BenchNode.PostgresVariable}");
            if (settings.BatchRecords is < 1 or > 1_000_000) errors.Add("--batch-records must be between 1 and 1000000");
            if (settings.KafkaDuration > TimeSpan.FromMinutes(10)) errors.Add("--kafka-duration must be at most 10m");
            if (settings.KafkaWarmupRounds is < 0 or > 20) errors.Add("--kafka-warmup-rounds must be between 0 and 20");
            if (settings.KafkaStartRate is < 100 or > 10_000_000) errors.Add("--kafka-start-rate must be between 100 and 10000000");
            if (settings.KafkaMaxRate < settings.KafkaStartRate) errors.Add("--kafka-max-rate must be at least --kafka-start-rate");
            if (settings.CorpusEvents is < 200_000 or > 10_000_000) errors.Add("--corpus must be between 200000 and 10000000");
            if (settings.ScaleRate is < 100 or > 10_000_000) errors.Add("--scale-rate must be between 100 and 10000000");
            if (settings.FreshnessRates.Any(r => r is < 100 or > 10_000_000)) errors.Add("--freshness-rates must each be between 100 and 10000000");
            if (settings.BatchLingerMs is < 0 or > 60_000)
                errors.Add("--batch-linger-ms must be between 0 (a fixed window) and 60000");
            if (settings.CheckpointBytes is < Configuration.IngestOptionsSection.MinCheckpointBytes or > Configuration.IngestOptionsSection.MaxCheckpointBytes)
                errors.Add($"--checkpoint-bytes must be between {Configuration.IngestOptionsSection.MinCheckpointBytes} and {Configuration.IngestOptionsSection.MaxCheckpointBytes}");
            if (settings.RecoveryRate is < 100 or > 1_000_000) errors.Add("--recovery-rate must be between 100 and 1000000");
            if (settings.RecoveryBusinesses is < 1000 or > 1_000_000) errors.Add("--recovery-businesses must be between 1000 and 1000000");
            if (settings.RecoveryPartitions is < 1 or > Holler.Kafka.EmbeddedKafka.MaxPartitions)
                errors.Add($"--recovery-partitions must be between 1 and {Holler.Kafka.EmbeddedKafka.MaxPartitions}");
            if (errors.Count > 0)
            {
                foreach (var error in errors) await Console.Error.WriteLineAsync($"holler bench: {error}");
                return ExitCodes.BadConfiguration;
            }
            return await RunAsync(settings, parse.GetValue(json), token);
        });
        return command;
    }

    private static async Task<int> RunAsync(BenchSettings settings, bool json, CancellationToken token)
    {
        var report = new BenchReport { Machine = MachineInfo.Current(), Settings = settings };
        // Akka's own logger prints to standard output while an actor system stops; with --json that must stay clean.
        var stdout = Console.Out;
        if (json) Console.SetOut(Console.Error);
        var errorConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var interactive = !Console.IsErrorRedirected && errorConsole.Profile.Capabilities.Interactive;
        // Redirected, Spectre assumes 80 columns, too narrow for the tables.
        if (Console.IsErrorRedirected) errorConsole.Profile.Width = 160;

        async Task Scenarios(BenchProgress progress)
        {
            foreach (var scenario in settings.Scenarios)
            {
                try
                {
                    switch (scenario)
                    {
                        case "engine":
                            report.Engine = await EngineScenario.RunAsync(settings, progress.Step("engine"), token);
                            break;
                        case "kafka":
                            report.Kafka = await KafkaScenario.RunAsync(settings, progress.Step("kafka · bare consumer"), progress.Step("kafka · Holler ingest"), token);
                            break;
                        case "kafka-steps":
                            report.KafkaSteps = await KafkaStepScenario.RunAsync(settings, progress.Step("kafka-steps · bare consumer"), progress.Step("kafka-steps · Holler ingest"), token);
                            break;
                        case "freshness":
                            foreach (var rate in settings.FreshnessRates)
                                report.Freshness.Add(await FreshnessScenario.RunAsync(settings, rate,
                                    progress.Step(string.Create(CultureInfo.InvariantCulture, $"freshness @ {rate:N0}/s")), token));
                            break;
                        case "history":
                            report.History = await HistoryScenario.RunAsync(settings, progress.Step(string.Create(CultureInfo.InvariantCulture,
                                $"history @ {settings.HistoryRate:N0} events/s")), token);
                            break;
                        case "scale":
                            foreach (var n in settings.ScaleBusinesses)
                                report.Scale.Add(await ScaleScenario.RunAsync(settings, n,
                                    progress.Step(string.Create(CultureInfo.InvariantCulture, $"scale @ {n:N0} businesses")), token));
                            break;
                        case "recovery":
                            report.Recovery = await RecoveryScenario.RunAsync(settings, progress.Step(string.Create(CultureInfo.InvariantCulture,
                                $"recovery @ {settings.RecoveryRate:N0}/s")), token);
                            break;
                        case "alerts":
                            report.Alerts = await AlertsScenario.RunAsync(settings, progress.Step("alerts · receiver answers, hangs, refuses"), token);
                            break;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    report.Errors.Add($"{scenario}: {e.GetBaseException().Message}");
                }
            }
        }

        if (interactive)
            await errorConsole.Progress().AutoClear(false).HideCompleted(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(ctx => Scenarios(new BenchProgress(ctx, Console.Error)));
        else
            await Scenarios(new BenchProgress(null, Console.Error));

        if (json)
        {
            report.Render(errorConsole);
            await stdout.WriteLineAsync(report.ToJson());
            await stdout.FlushAsync(token);
        }
        else
        {
            if (Console.IsOutputRedirected) AnsiConsole.Console.Profile.Width = 160;
            report.Render(AnsiConsole.Console);
        }
        return report.Errors.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static IEnumerable<string> Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static TimeSpan Duration(string value, string option, List<string> errors, bool allowZero = false)
    {
        if (Durations.TryParse(value, out var parsed) && (parsed > TimeSpan.Zero || (allowZero && parsed == TimeSpan.Zero))) return parsed;
        errors.Add($"{option}: '{value}' is not a duration like 30s");
        return TimeSpan.Zero;
    }

    private static List<double> Numbers(string value, string option, List<string> errors)
    {
        var list = new List<double>();
        foreach (var part in Split(value))
        {
            if (double.TryParse(part.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) list.Add(n);
            else errors.Add($"{option}: '{part}' is not a number");
        }
        if (list.Count == 0) errors.Add($"{option}: needs at least one number");
        return list;
    }
}
