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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(TruthPath)!);
        var options = new GeneratorOptions
        {
            BootstrapServers = bootstrap,
            Topic = config.Topic,
            TruthPath = TruthPath,
            Plan = new GeneratorSettings
            {
                Businesses = catalog,
                BusinessCount = catalog.Count,
                EventsPerSecond = config.Generator.Rate,
                Seed = config.Generator.Seed,
                SurgeEvery = TimeSpan.FromSeconds(config.Generator.SurgeEverySeconds),
                FirstSurgeAfter = TimeSpan.FromSeconds(config.Generator.FirstSurgeAfterSeconds),
                SurgeDuration = TimeSpan.FromSeconds(config.Generator.SurgeDurationSeconds),
                ZipfExponent = config.Generator.ZipfExponent,
                DailyRhythm = config.Generator.DailyRhythm,
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
