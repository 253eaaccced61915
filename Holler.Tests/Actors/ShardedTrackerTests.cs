using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;
using Holler.Leaderboard;
using Holler.Tests.Support;
using Holler.Tracking;
using static Holler.Tests.Support.Traffic;

namespace Holler.Tests.Actors;

/// <summary>A one-node cluster wired as <c>holler run</c> wires a node with every role: sharded trackers, the
/// leaderboard singleton and DistributedPubSub, persisted to SQLite with Holler's serializer.</summary>
public sealed class ShardedTrackerTests(ITestOutputHelper output) : SqliteTestKit(nameof(ShardedTrackerTests), output)
{
    /// <summary>Cluster formation, shard allocation and the singleton's start all come first: allow for them.</summary>
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(30);

    private readonly ManualClock _clock = new();

    private static readonly TrackerSettings Settings = new(
        BaselineSettings.Default, DetectorSettings.Default, SnapshotEvery: 100,
        TickInterval: TimeSpan.FromMilliseconds(100), QuietAfter: TimeSpan.FromSeconds(2));

    protected override void ConfigureMore(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder
            .WithRemoting("127.0.0.1", 0)
            .WithClustering(new ClusterOptions { Roles = [ShardTrackerSetup.Role, LeaderboardSetup.Role] })
            .AddLeaderboard(LeaderboardSettings.Default, hostSingleton: true)
            .AddShardTrackers(Settings, hostTrackers: true, clock: _clock)
            .AddStartup((system, _) =>
            {
                var cluster = Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });

    [Fact]
    public void BatchesForSeveralBusinessesAreAckedThroughTheRegion()
    {
        var region = ActorRegistry.Get<ShardTracker>();
        var ids = new[] { "biz-a", "biz-b", "biz-c", "biz-d" };
        var traffic = ids.Select((id, i) => new Traffic(id, partition: i % 2)).ToArray();

        for (var i = 0; i < ids.Length; i++) region.Tell(traffic[i].Next(T0, seconds: 2, perSecond: i + 1), TestActor);
        var acks = ReceiveN(ids.Length, Startup, Ct).Cast<TrafficBatchAck>().ToList();

        Assert.Equal(ids.Select(ShardOf).Order(), acks.Select(a => a.Shard).Order());
        Assert.All(acks, a => Assert.Equal(0, a.Duplicates));
        Assert.Equal(20, acks.Sum(a => a.Applied));

        for (var i = 0; i < ids.Length; i++)
        {
            region.Tell(new GetBusinessSeries(ids[i]), TestActor);
            var series = ExpectMsg<BusinessSeries>(Long, cancellationToken: Ct);
            Assert.Equal(ids[i], series.BusinessId);
            Assert.Equal(2 * (i + 1), series.Total);
            Assert.Equal(T0 + 1, series.HeadSecond);
        }
    }

    [Fact]
    public void RedeliveryThroughTheRegionIsRecognised()
    {
        var region = ActorRegistry.Get<ShardTracker>();
        var batch = new Traffic("biz-x").Next(T0, seconds: 1, perSecond: 5);

        region.Tell(batch, TestActor);
        Assert.Equal(Ack("biz-x", 5, 0), Traffic.Counts(ExpectMsg<TrafficBatchAck>(Startup, cancellationToken: Ct)));
        region.Tell(batch, TestActor);
        Assert.Equal(Ack("biz-x", 0, 5), Traffic.Counts(ExpectMsg<TrafficBatchAck>(Long, cancellationToken: Ct)));
    }

    [Fact]
    public void ASurgingBusinessReachesLeaderboardSubscribers()
    {
        const string hot = "biz-hot";
        var subscriber = CreateTestProbe("dashboard");
        DistributedPubSub.Get(Sys).Mediator.Tell(new Subscribe(LeaderboardUpdated.Topic, subscriber.Ref), TestActor);
        ExpectMsg<SubscribeAck>(Startup, cancellationToken: Ct);
        var region = ActorRegistry.Get<ShardTracker>();
        var traffic = new Traffic(hot, partition: 2);
        var calm = new Traffic("biz-calm", partition: 2, firstOffset: 1_000_000);

        // Three minutes of steady traffic for both, then ten times as much for one of them.
        var sent = 0;
        foreach (var batch in traffic.PerSecond(T0, 180, 10).Concat(calm.PerSecond(T0, 180, 10)))
        {
            region.Tell(batch, TestActor);
            sent++;
        }
        ReceiveN(sent, Startup, Ct);
        foreach (var batch in traffic.PerSecond(T0 + 180, 20, 100)) region.Tell(batch, TestActor);
        foreach (var batch in calm.PerSecond(T0 + 180, 20, 10)) region.Tell(batch, TestActor);
        ReceiveN(40, Long, Ct);

        var update = subscriber.FishForMessage<LeaderboardUpdated>(u => u.Top.Any(e => e.BusinessId == hot), Long, cancellationToken: Ct);

        var entry = Assert.Single(update.Top);
        Assert.Equal(hot, entry.BusinessId);
        Assert.True(entry.Score >= DetectorSettings.Default.EnterSeverity);
        Assert.Equal(1, update.Surging);

        // The singleton proxy answers with the same ranking.
        ActorRegistry.Get<LeaderboardActor>().Tell(GetLeaderboard.Instance, TestActor);
        Assert.Contains(ExpectMsg<LeaderboardUpdated>(Long, cancellationToken: Ct).Top, e => e.BusinessId == hot);

        // And the drill-down through the region agrees.
        region.Tell(new GetBusinessSeries(hot), TestActor);
        var series = ExpectMsg<BusinessSeries>(Long, cancellationToken: Ct);
        Assert.True(series.Surging);
        Assert.Equal(entry.SinceMs, series.SurgeSinceMs);
    }
}
