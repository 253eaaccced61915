using Holler.Generation;
using Holler.Kafka;
using Holler.Tests.Support;

namespace Holler.Tests.EndToEnd;

/// <summary>A node stopped mid-stream and started again on the same storage and broker loses nothing and counts
/// nothing twice: its trackers come back from SQLite or PostgreSQL, and what Kafka redelivers is skipped by offset
/// watermark.</summary>
public sealed class RestartTests
{
    [Theory]
    [InlineData(StorageBackend.Sqlite)]
    [InlineData(StorageBackend.Postgres)]
    public async Task A_node_restarted_mid_stream_ends_with_exact_totals(StorageBackend backend)
    {
        var token = TestContext.Current.CancellationToken;
        using var broker = EmbeddedKafka.Start();
        using var storage = TestStorage.Create(backend);
        // Snapshot often so recovery exercises snapshots and journal alike.
        var config = TestNodes.Config(broker.BootstrapServers, storage.Directory, businesses: 500, o =>
        {
            storage.Apply(o);
            o.Tracker.SnapshotEvery = 5;
        });

        // 500 events/s for 30 s: slow enough that the embedded broker's small retention outlasts the restart (see
        // docs/architecture.md#the-embedded-kafka-broker).
        var generator = TrafficGenerator.RunAsync(new GeneratorOptions
        {
            BootstrapServers = broker.BootstrapServers,
            Plan = new GeneratorSettings
            {
                BusinessCount = 500,
                EventsPerSecond = 500,
                Seed = 11,
                DurationMs = 30_000,
                SurgeEvery = TimeSpan.Zero,
                DailyRhythm = false,
            },
        }, cancellationToken: token);

        long appliedBeforeStop;
        await using (var first = await TestNodes.StartAsync(config))
        {
            await Eventually.Until(() => Task.FromResult(first.Metrics.Applied), applied => applied >= 3000, TimeSpan.FromMinutes(1),
                applied => $"only {applied} events applied");
            appliedBeforeStop = first.Metrics.Applied;
            Assert.False(generator.IsCompleted, "the node must stop mid-stream");
        }

        await using var second = await TestNodes.StartAsync(config);
        var result = await generator;
        Assert.Equal(0, result.Errors);
        Assert.True(result.Sent > appliedBeforeStop);

        await Trackers.AwaitTotalsAsync(second, result.DeliveredPerBusiness, TimeSpan.FromMinutes(2));
        if (backend == StorageBackend.Postgres)
            // Created by the node on first start, in the database it was given.
            Assert.Equal(2L, storage.Database.Scalar<long>(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('journal', 'snapshot')"));
        // The second node resumed where the first committed: it applied only what the first had not.
        Assert.True(second.Metrics.Applied <= result.Sent - appliedBeforeStop,
            $"second node applied {second.Metrics.Applied}, but only {result.Sent - appliedBeforeStop} were left");
    }
}
