using Holler.Host.Configuration;
using Holler.Host.Node;
using Microsoft.Extensions.Logging;

namespace Holler.Host.Commands.Bench;

/// <summary>Starts real Holler nodes for the benchmarks: the product's wiring, quiet, in a temporary data folder.</summary>
public static class BenchNode
{
    /// <summary>Not a broker: a node without the ingest role and without the generator never connects to Kafka.</summary>
    public const string NoKafka = "127.0.0.1:9";

    /// <summary>Where <c>--persistence postgres</c> writes: a database of its own, as a node's setting would name it.</summary>
    public const string PostgresVariable = "HOLLER_PERSISTENCE__CONNECTIONSTRING";

    public static async Task<(HollerNode Node, string DataDir)> StartAsync(BenchSettings bench, int businesses, string roles,
        string? bootstrap, Action<HollerOptions>? tweak = null, CancellationToken token = default)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "holler-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDir);
        var options = new HollerOptions
        {
            Roles = roles,
            DataDir = dataDir,
            Kafka = { Bootstrap = bootstrap ?? NoKafka, SessionTimeoutMs = 6000 },
            Persistence =
            {
                Provider = bench.Persistence,
                ConnectionString = bench.Persistence == "postgres" ? Environment.GetEnvironmentVariable(PostgresVariable) ?? "" : "",
            },
            Generator = { Enabled = false },
            Catalog = { Businesses = businesses },
            Leaderboard = { Console = false },
            Dimensions = { Enabled = bench.Dimensions },
            Ingest = { BatchMaxRecords = bench.BatchRecords, BatchDelayMs = bench.BatchDelayMs, BatchLingerMs = bench.BatchLingerMs, CheckpointBytes = bench.CheckpointBytes },
            // Any free ports: a bench must not collide with a node running beside it (5080 and 9110 by default).
            Web = { Port = 0 },
            Operator = { Port = 0 },
        };
        tweak?.Invoke(options);
        var (config, errors) = NodeConfigValidator.Resolve(options);
        if (config is null) throw new ArgumentException(string.Join("; ", errors));
        var node = await HollerNode.StartAsync(config,
            logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error), TextWriter.Null, token);
        return (node, dataDir);
    }

    public static async Task StopAsync(HollerNode node, string dataDir)
    {
        await node.DisposeAsync();
        try { Directory.Delete(dataDir, recursive: true); }
        catch (IOException) { }
    }
}
