using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Holler.Leaderboard;

namespace Holler.Tracking;

public static class BusinessTrackerSetup
{
    public const string TypeName = "business";
    public const string Role = "tracker";

    /// <summary>
    /// Hosts business trackers on nodes with the tracker role; elsewhere a proxy to them. Either way
    /// <c>registry.Get&lt;BusinessTracker&gt;()</c> is where tracker messages go.
    /// </summary>
    public static AkkaConfigurationBuilder AddBusinessTrackers(this AkkaConfigurationBuilder builder, TrackerSettings settings,
        bool hostTrackers, int shards = TrackerShards.DefaultCount, TimeSpan? passivateAfter = null, TimeProvider? clock = null,
        TrackerMetrics? metrics = null)
    {
        var extractor = new BusinessMessageExtractor(shards);
        if (!hostTrackers) return builder.WithShardRegionProxy<BusinessTracker>(TypeName, Role, extractor);

        return builder.WithShardRegion<BusinessTracker>(
            TypeName,
            (_, registry) =>
            {
                var leaderboard = registry.Get<LeaderboardActor>();
                return id => BusinessTracker.PropsFor(id, settings, leaderboard, clock, metrics);
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
