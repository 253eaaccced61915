using System.Diagnostics;
using Holler.Generation;
using Holler.Tests.Support;

namespace Holler.Tests.EndToEnd;

/// <summary>
/// The Kafka broker goes away mid-stream (connections closed, new ones refused, its log kept) and comes back: the
/// consumer backs off and reconnects (librdkafka's reconnect back-off), rejoins its group, resumes from the committed
/// offsets, and every business's count equals what was produced.
/// </summary>
public sealed class KafkaOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan OutageLength = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_broker_outage_mid_stream_loses_nothing_and_counts_nothing_twice()
    {
        var token = TestContext.Current.CancellationToken;
        using var kafka = MockKafkaCluster.Start();
        using var storage = TestStorage.Create(StorageBackend.Sqlite);
        var config = TestNodes.Config(kafka.BootstrapServers, storage.Directory, businesses: 500, storage.Apply);
        await using var node = await TestNodes.StartAsync(config);

        var generator = TrafficGenerator.RunAsync(new GeneratorOptions
        {
            BootstrapServers = kafka.BootstrapServers,
            Plan = new GeneratorSettings
            {
                Businesses = node.Catalog,
                BusinessCount = node.Catalog.Count,
                EventsPerSecond = 400,
                Seed = 29,
                DurationMs = 50_000,
                SurgeEvery = TimeSpan.Zero,
                DailyRhythm = false,
            },
            // The producer waits the outage out too; idempotence keeps its retries from writing a record twice.
            ExtraProducerConfig = new Dictionary<string, string> { ["enable.idempotence"] = "true", ["message.timeout.ms"] = "120000" },
        }, cancellationToken: token);
        await Outage.UntilAboveAsync(() => node.Metrics.Applied, 2000, TimeSpan.FromMinutes(1), "events applied");

        kafka.BrokerDown();
        var down = Stopwatch.StartNew();
        // What was fetched before is worked off within seconds; after that nothing can arrive.
        await Outage.HoldAsync(down, OutageLength - TimeSpan.FromSeconds(5), token);
        var consumedInOutage = node.Metrics.Consumed;
        await Outage.HoldAsync(down, OutageLength, token);
        Assert.Equal(consumedInOutage, node.Metrics.Consumed);
        Assert.False(generator.IsCompleted, "the outage must be mid-stream");
        var outage = down.Elapsed;
        kafka.BrokerUp();

        var resumed = await Outage.UntilAboveAsync(() => node.Metrics.Consumed, consumedInOutage, TimeSpan.FromMinutes(2), "events consumed");
        var result = await generator;
        Assert.Equal(0, result.Errors);
        var ended = Stopwatch.StartNew();
        await Trackers.AwaitTotalsAsync(node, result.DeliveredPerBusiness, TimeSpan.FromMinutes(3));

        output.WriteLine($"Kafka broker away {outage.TotalSeconds:F1} s; consuming again {resumed.TotalSeconds:F1} s after it " +
                         $"came back; exact totals of {result.Sent:N0} events {ended.Elapsed.TotalSeconds:F1} s after the stream ended");
    }
}
