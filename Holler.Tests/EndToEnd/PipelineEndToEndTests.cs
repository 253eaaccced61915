using Akka.Actor;
using Holler.Generation;
using Holler.Kafka;
using Holler.Leaderboard;
using Holler.Tests.Support;

namespace Holler.Tests.EndToEnd;

/// <summary>
/// The whole pipeline over the embedded broker's real Kafka protocol: generator with known ground truth → ingest →
/// sharded trackers (SQLite) → leaderboard singleton → DistributedPubSub.
/// </summary>
public sealed class PipelineEndToEndTests
{
    [Fact]
    public async Task Injected_surges_reach_the_leaderboard_and_every_event_is_counted_once()
    {
        var token = TestContext.Current.CancellationToken;
        using var broker = EmbeddedKafka.Start();
        using var data = new TempDir();
        await using var node = await TestNodes.StartAsync(TestNodes.Config(broker.BootstrapServers, data.Path, businesses: 2000));
        var published = await LeaderboardRecording.StartAsync(node.System);

        // Eight minutes of event time, compressed 20× (4,000 events/s on the wire): enough for baselines to warm up
        // and four surges, the last still running when the stream ends.
        var eventTime = TimeSpan.FromMinutes(8);
        var result = await TrafficGenerator.RunAsync(new GeneratorOptions
        {
            BootstrapServers = broker.BootstrapServers,
            Speedup = 20,
            Plan = new GeneratorSettings
            {
                Businesses = node.Catalog,
                BusinessCount = node.Catalog.Count,
                EventsPerSecond = 200,
                Seed = 7,
                StartMs = DateTimeOffset.UtcNow.Add(-eventTime).ToUnixTimeMilliseconds(),
                DurationMs = (long)eventTime.TotalMilliseconds,
                FirstSurgeAfter = TimeSpan.FromSeconds(150),
                SurgeEvery = TimeSpan.FromSeconds(90),
                SurgeDuration = TimeSpan.FromSeconds(120),
                DailyRhythm = false,
            },
        }, cancellationToken: token);

        Assert.Equal(0, result.Errors);
        Assert.Equal(4, result.Surges.Count);
        await Trackers.AwaitTotalsAsync(node, result.DeliveredPerBusiness, TimeSpan.FromMinutes(2));
        Assert.Equal(0, node.Metrics.Rejected.Total);

        var injected = result.Surges.Select(s => s.BusinessId).ToHashSet();
        var everRanked = published.SelectMany(p => p.Top).Select(e => e.BusinessId).ToHashSet();
        Assert.All(injected, id => Assert.Contains(id, everRanked));

        var final = await node.Registry.Get<LeaderboardActor>().Ask<LeaderboardUpdated>(GetLeaderboard.Instance, TimeSpan.FromSeconds(10), token);
        Assert.Contains(final.Top, e => injected.Contains(e.BusinessId));
        var lastInjected = final.Top.ToList().FindLastIndex(e => injected.Contains(e.BusinessId));
        Assert.All(final.Top.Take(lastInjected + 1), e => Assert.Contains(e.BusinessId, injected));
    }
}
