using System.Diagnostics;
using Holler.Generation;
using Holler.Kafka;
using Holler.Tests.Support;

namespace Holler.Tests.EndToEnd;

/// <summary>
/// PostgreSQL goes away mid-stream, for this node only (a relay between it and the server is cut; other tests keep
/// the server). Journal writes fail, trackers say so and stop, the ingest re-sends with back-off and pulls nothing new
/// meanwhile, so Kafka holds the rest; when the database is back the stream resumes and every business's count equals
/// what was produced.
/// </summary>
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan OutageLength = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_database_outage_mid_stream_loses_nothing_and_counts_nothing_twice()
    {
        var token = TestContext.Current.CancellationToken;
        using var broker = EmbeddedKafka.Start();
        using var storage = TestStorage.Create(StorageBackend.Postgres);
        var (host, port) = storage.Database.Endpoint;
        await using var relay = new TcpProxy(host, port);
        var config = TestNodes.Config(broker.BootstrapServers, storage.Directory, businesses: 500, o =>
        {
            storage.Apply(o);
            o.Persistence.ConnectionString = storage.Database.Via("127.0.0.1", relay.Port);
            o.Tracker.SnapshotEvery = 20;
            // A tracker that was recovering when the database went away cannot answer at all: re-send those soon.
            o.Ingest.AckTimeoutMs = 5000;
        });
        await using var node = await TestNodes.StartAsync(config);

        // 400 events/s for 50 s: the outage and the catching up stay well inside the embedded broker's retention.
        var generator = TrafficGenerator.RunAsync(new GeneratorOptions
        {
            BootstrapServers = broker.BootstrapServers,
            Plan = new GeneratorSettings
            {
                Businesses = node.Catalog,
                BusinessCount = node.Catalog.Count,
                EventsPerSecond = 400,
                Seed = 23,
                DurationMs = 50_000,
                SurgeEvery = TimeSpan.Zero,
                DailyRhythm = false,
            },
        }, cancellationToken: token);
        await Outage.UntilAboveAsync(() => node.Metrics.Applied, 2000, TimeSpan.FromMinutes(1), "events applied");

        relay.Cut();
        var cut = Stopwatch.StartNew();
        var resent = node.Metrics.Redeliveries;
        // Journal writes fail and the ingest re-sends: the outage reached the trackers.
        var noticed = await Outage.UntilAboveAsync(() => node.Metrics.Redeliveries, resent, TimeSpan.FromMinutes(1), "re-sent batches");
        var appliedInOutage = node.Metrics.Applied;
        var committedInOutage = await Outage.CommittedAsync(node);
        await Outage.HoldAsync(cut, OutageLength, token);

        Assert.False(generator.IsCompleted, "the outage must be mid-stream");
        // Nothing counted while the database is away, and nothing committed: Kafka keeps what is not durable.
        Assert.Equal(appliedInOutage, node.Metrics.Applied);
        Assert.Equal(committedInOutage, await Outage.CommittedAsync(node));
        Assert.True(relay.Refused > 0, "the node kept trying to reach the database");
        var outage = cut.Elapsed;
        relay.Restore();

        var resumed = await Outage.UntilAboveAsync(() => node.Metrics.Applied, appliedInOutage, TimeSpan.FromMinutes(2), "events applied");
        var result = await generator;
        Assert.Equal(0, result.Errors);
        var ended = Stopwatch.StartNew();
        await Trackers.AwaitTotalsAsync(node, result.DeliveredPerBusiness, TimeSpan.FromMinutes(3));

        output.WriteLine($"PostgreSQL away {outage.TotalSeconds:F1} s (noticed after {noticed.TotalSeconds:F1} s, " +
                         $"{node.Metrics.Redeliveries - resent} batches re-sent); first events durable again " +
                         $"{resumed.TotalSeconds:F1} s after it came back; exact totals of {result.Sent:N0} events " +
                         $"{ended.Elapsed.TotalSeconds:F1} s after the stream ended");
    }
}
