using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Holler.Alerts;
using Holler.History;
using Holler.Leaderboard;

namespace Holler.Tracking;

public static class ShardTrackerSetup
{
    // Still "business" (from when an entity was one business): nodes of a rolling upgrade and operators' scripts address the region by it.
    public const string TypeName = "business";
    public const string Role = "tracker";

    /// <summary>
    /// Hosts shard trackers on nodes with the tracker role; elsewhere a proxy to them. Either way
    /// <c>registry.Get&lt;ShardTracker&gt;()</c> is where tracker messages go.
    /// </summary>
    public static AkkaConfigurationBuilder AddShardTrackers(this AkkaConfigurationBuilder builder, TrackerSettings settings,
        bool hostTrackers, int shards = TrackerShards.DefaultCount, TimeSpan? passivateAfter = null, TimeProvider? clock = null,
        TrackerMetrics? metrics = null, int historyResendMinutes = 5)
    {
        var extractor = new ShardTrackerMessageExtractor(shards);
        if (!hostTrackers) return builder.WithShardRegionProxy<ShardTracker>(TypeName, Role, extractor);

        return builder.WithShardRegion<ShardTracker>(
            TypeName,
            (_, registry) =>
            {
                var leaderboard = registry.Get<LeaderboardActor>();
                // Optional: test systems wire trackers without alerts.
                var alerts = registry.TryGet<AlertsActor>(out var found) ? found : null;
                // Optional too: nodes and tests without a history store.
                var history = registry.TryGet<HistoryWriter>(out var writer) ? new HistoryTarget(writer, historyResendMinutes) : null;
                return id => ShardTracker.PropsFor(id, settings, leaderboard, clock, metrics, alerts, history);
            },
            extractor,
            new ShardOptions
            {
                Role = Role,
                StateStoreMode = StateStoreMode.DData,
                RememberEntities = false,
                HandOffStopMessage = StopTracker.Instance,
                PassivateIdleEntityAfter = passivateAfter ?? TimeSpan.FromMinutes(2),
            });
    }
}
