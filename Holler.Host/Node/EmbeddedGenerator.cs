using Holler.Domain.Catalog;
using Holler.Generation;
using Holler.Host.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Holler.Host.Node;

/// <summary>The built-in traffic generator of the dev node: produces to the node's Kafka until the node stops.</summary>
public sealed class EmbeddedGenerator(NodeConfig config, BusinessCatalog catalog, string bootstrap, ILogger<EmbeddedGenerator> log)
    : BackgroundService
{
    public string TruthPath => string.IsNullOrWhiteSpace(config.Generator.TruthFile)
        ? Path.Combine(config.DataDir, "truth.jsonl")
        : Path.GetFullPath(config.Generator.TruthFile);

    /// <summary>How fast a backfill replays: quick, yet slow enough for a dev node to ingest as it comes.</summary>
    private const double BackfillSpeedup = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TruthPath)!);
        var backfill = config.Generator.BackfillSeconds;
        var options = new GeneratorOptions
        {
            BootstrapServers = bootstrap,
            Speedup = backfill > 0 ? BackfillSpeedup : 1,
            CatchUpToWallClock = backfill > 0,
            Topic = config.Topic,
            TruthPath = TruthPath,
            Plan = new GeneratorSettings
            {
                Businesses = catalog,
                StartMs = backfill > 0 ? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (long)(backfill * 1000) : null,
                BusinessCount = catalog.Count,
                EventsPerSecond = config.Generator.Rate,
                Seed = config.Generator.Seed,
                SurgeEvery = TimeSpan.FromSeconds(config.Generator.SurgeEverySeconds),
                FirstSurgeAfter = TimeSpan.FromSeconds(config.Generator.FirstSurgeAfterSeconds),
                SurgeDuration = TimeSpan.FromSeconds(config.Generator.SurgeDurationSeconds),
                ZipfExponent = config.Generator.ZipfExponent,
                DailyRhythm = config.Generator.DailyRhythm,
                SurgeFocus = config.Generator.ParsedSurgeFocus ?? SurgeFocus.None,
                ErrorShare = config.Generator.ErrorShare,
                ErrorBurstEvery = TimeSpan.FromSeconds(config.Generator.ErrorBurstEverySeconds),
                FirstErrorBurstAfter = TimeSpan.FromSeconds(config.Generator.FirstErrorBurstAfterSeconds),
                ErrorBurstDuration = TimeSpan.FromSeconds(config.Generator.ErrorBurstDurationSeconds),
                ErrorBurstShare = config.Generator.ErrorBurstShare,
            },
        };
        try
        {
            var result = await TrafficGenerator.RunAsync(options, progress: null, stoppingToken);
            if (result.Errors > 0)
                log.LogWarning("Generator finished with {Errors} undelivered events (last error: {Error})", result.Errors, result.LastError);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
