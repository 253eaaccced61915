using System.CommandLine;
using System.Globalization;
using Holler.Domain.Catalog;
using Holler.Generation;

namespace Holler.Host.Commands;

/// <summary><c>holler generate</c>: produces the event contract to any Kafka, with injected surges and their ground truth.</summary>
public static class GenerateCommand
{
    private const string Name = "generate";

    public static Command Create()
    {
        var bootstrap = new Option<string?>("--bootstrap", "-b") { Description = "Kafka bootstrap servers host:port[,…] (holler kafka-dev prints one)" };
        var topic = new Option<string>("--topic") { Description = "Topic (default: holler.traffic)", DefaultValueFactory = _ => GeneratorOptions.DefaultTopic };
        var rate = new Option<double>("--rate") { Description = "Events per second of event time (default: 4000)", DefaultValueFactory = _ => 4000 };
        var businesses = new Option<int>("--businesses") { Description = "Synthetic catalog size (default: 200000; same ids as holler run's)", DefaultValueFactory = _ => 200_000 };
        var catalogSeed = new Option<int>("--catalog-seed") { Description = "Synthetic catalog seed (default: 42, as holler run)", DefaultValueFactory = _ => 42 };
        var duration = new Option<string?>("--duration") { Description = "Event time to generate, e.g. 10m (default: until stopped)" };
        var count = new Option<long?>("--count") { Description = "Events to generate at most" };
        var seed = new Option<int>("--seed") { Description = "Traffic seed (default: 42)", DefaultValueFactory = _ => 42 };
        var speedup = new Option<double>("--speedup") { Description = "Event time runs this many times faster than the clock (default: 1)", DefaultValueFactory = _ => 1 };
        var truth = new Option<string?>("--truth") { Description = "Write injected surges (business, start, end, magnitude) as JSON lines here" };
        var surgeEvery = new Option<string>("--surge-every") { Description = "Time between injected surges; 0 for none (default: 60s)", DefaultValueFactory = _ => "60s" };
        var firstSurge = new Option<string>("--first-surge-after") { Description = "When the first surge starts (default: 70s)", DefaultValueFactory = _ => "70s" };
        var surgeDuration = new Option<string>("--surge-duration") { Description = "How long each surge lasts (default: 90s)", DefaultValueFactory = _ => "90s" };
        var zipf = new Option<double>("--zipf") { Description = "Zipf exponent of business popularity (default: 1.0)", DefaultValueFactory = _ => 1.0 };
        var rhythm = new Option<bool>("--daily-rhythm") { Description = "Vary the rate over the day in US Central time, 0.5× to 1.4×, weekends and US holidays at 0.75× (default: true)", DefaultValueFactory = _ => true };
        var focus = new Option<string>("--surge-focus") { Description = "Confine each surge's extra events to one platform, one page, or both: none, platform, path, platform-and-path (default: none)", DefaultValueFactory = _ => "none" };
        var errorShare = new Option<double>("--error-share") { Description = "Share of 5xx responses in usual traffic (default: 0.02)", DefaultValueFactory = _ => 0.02 };
        var errorBurstEvery = new Option<string>("--error-burst-every") { Description = "Time between error bursts (a busy business's 5xx share jumps to --error-burst-share); 0 for none (default: 0)", DefaultValueFactory = _ => "0" };
        var firstErrorBurst = new Option<string>("--first-error-burst-after") { Description = "When the first error burst starts (default: 5m)", DefaultValueFactory = _ => "5m" };
        var errorBurstDuration = new Option<string>("--error-burst-duration") { Description = "How long each error burst lasts (default: 3m)", DefaultValueFactory = _ => "3m" };
        var errorBurstShare = new Option<double>("--error-burst-share") { Description = "5xx share during an error burst (default: 0.40)", DefaultValueFactory = _ => 0.40 };
        var command = new Command(Name, "Produce synthetic traffic (the event contract of docs/architecture.md) with Zipf popularity, a daily rhythm and injected surges")
        {
            bootstrap, topic, rate, businesses, catalogSeed, duration, count, seed, speedup, truth, surgeEvery, firstSurge, surgeDuration, zipf, rhythm,
            focus, errorShare, errorBurstEvery, firstErrorBurst, errorBurstDuration, errorBurstShare,
        };
        command.SetAction(async (parse, token) =>
        {
            var servers = parse.GetValue(bootstrap);
            if (string.IsNullOrWhiteSpace(servers)) return CommandFailure.Fail(Name, "--bootstrap is required (holler kafka-dev prints an address)");
            TimeSpan? runFor = null;
            if (parse.GetValue(duration) is { } d)
            {
                if (!Durations.TryParse(d, out var parsed) || parsed <= TimeSpan.Zero) return CommandFailure.Fail(Name, $"--duration: '{d}' is not a duration like 10m");
                runFor = parsed;
            }
            if (!Durations.TryParse(parse.GetValue(surgeEvery), out var every)) return CommandFailure.Fail(Name, $"--surge-every: '{parse.GetValue(surgeEvery)}' is not a duration");
            if (!Durations.TryParse(parse.GetValue(firstSurge), out var first)) return CommandFailure.Fail(Name, $"--first-surge-after: '{parse.GetValue(firstSurge)}' is not a duration");
            if (!Durations.TryParse(parse.GetValue(surgeDuration), out var lasting)) return CommandFailure.Fail(Name, $"--surge-duration: '{parse.GetValue(surgeDuration)}' is not a duration");
            if (!Durations.TryParse(parse.GetValue(errorBurstEvery), out var burstEvery)) return CommandFailure.Fail(Name, $"--error-burst-every: '{parse.GetValue(errorBurstEvery)}' is not a duration");
            if (!Durations.TryParse(parse.GetValue(firstErrorBurst), out var firstBurst)) return CommandFailure.Fail(Name, $"--first-error-burst-after: '{parse.GetValue(firstErrorBurst)}' is not a duration");
            if (!Durations.TryParse(parse.GetValue(errorBurstDuration), out var burstLasting)) return CommandFailure.Fail(Name, $"--error-burst-duration: '{parse.GetValue(errorBurstDuration)}' is not a duration");
            if (!Enum.TryParse<SurgeFocus>(parse.GetValue(focus)!.Replace("-", ""), ignoreCase: true, out var surgeFocus) || !Enum.IsDefined(surgeFocus))
                return CommandFailure.Fail(Name, $"--surge-focus: '{parse.GetValue(focus)}' is not none, platform, path or platform-and-path");
            if (parse.GetValue(businesses) is < 1 or > 10_000_000) return CommandFailure.Fail(Name, "--businesses must be between 1 and 10000000");
            if (parse.GetValue(speedup) is <= 0 or > 100_000) return CommandFailure.Fail(Name, "--speedup must be between 0 and 100000");

            var options = new GeneratorOptions
            {
                BootstrapServers = servers,
                Topic = parse.GetValue(topic)!,
                Speedup = parse.GetValue(speedup),
                TruthPath = parse.GetValue(truth),
                Plan = new GeneratorSettings
                {
                    Businesses = BusinessCatalog.Synthetic(parse.GetValue(businesses), parse.GetValue(catalogSeed)),
                    BusinessCount = parse.GetValue(businesses),
                    EventsPerSecond = parse.GetValue(rate),
                    Seed = parse.GetValue(seed),
                    DurationMs = runFor is { } r ? (long)r.TotalMilliseconds : null,
                    Count = parse.GetValue(count),
                    SurgeEvery = every,
                    FirstSurgeAfter = first,
                    SurgeDuration = lasting,
                    ZipfExponent = parse.GetValue(zipf),
                    DailyRhythm = parse.GetValue(rhythm),
                    SurgeFocus = surgeFocus,
                    ErrorShare = parse.GetValue(errorShare),
                    ErrorBurstEvery = burstEvery,
                    FirstErrorBurstAfter = firstBurst,
                    ErrorBurstDuration = burstLasting,
                    ErrorBurstShare = parse.GetValue(errorBurstShare),
                },
            };
            try
            {
                options.Validate();
                options.Plan.Validate();
            }
            catch (ArgumentException e)
            {
                return CommandFailure.Fail(Name, e.Message);
            }

            var c = CultureInfo.InvariantCulture;
            var live = !Console.IsErrorRedirected;
            var progress = new Progress<GeneratorProgress>(p =>
            {
                var line = string.Create(c, $"rate {p.Rate,9:N0}/s · sent {p.Sent,12:N0} · errors {p.Errors:N0} · surges {p.SurgesStarted} · {p.Elapsed:hh\\:mm\\:ss}");
                if (live) Console.Error.Write("\r" + line);
                else Console.Error.WriteLine(line);
            });
            var result = await TrafficGenerator.RunAsync(options, progress, token);
            if (live) Console.Error.WriteLine();
            Console.Error.WriteLine(string.Create(c,
                $"{(result.Cancelled ? "Stopped" : "Done")}: {result.Sent:N0} sent, {result.Errors:N0} failed in {result.Duration:hh\\:mm\\:ss}, {result.Surges.Count} surges injected{(options.TruthPath is null ? "" : $" (truth in {options.TruthPath})")}"));
            if (result.LastError is { } error && result.Errors > 0) Console.Error.WriteLine($"last error: {error}");
            return result.Errors > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }
}
