using Holler.Host.Configuration;
using Holler.Host.Node;
using Microsoft.Extensions.Logging;

namespace Holler.Tests.Support;

/// <summary>Nodes as tests run them: a test-owned broker, a temporary data folder, no built-in generator or console.</summary>
public static class TestNodes
{
    public static NodeConfig Config(string bootstrap, string dataDir, int businesses, Action<HollerOptions>? tweak = null)
    {
        var options = new HollerOptions
        {
            DataDir = dataDir,
            Kafka = { Bootstrap = bootstrap, SessionTimeoutMs = 6000 },
            Generator = { Enabled = false },
            Catalog = { Businesses = businesses },
            Leaderboard = { Console = false },
            Ingest = { BatchDelayMs = 100 },
            // Tests run many nodes at once: every listener on a free port.
            Web = { Port = 0 },
            Operator = { Port = 0 },
        };
        tweak?.Invoke(options);
        var (config, errors) = NodeConfigValidator.Resolve(options);
        Assert.Empty(errors);
        return config!;
    }

    public static async Task<HollerNode> StartAsync(NodeConfig config)
    {
        Assert.Null(await PersistenceCheck.VerifyAsync(config));
        return await HollerNode.StartAsync(config, logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
    }
}
