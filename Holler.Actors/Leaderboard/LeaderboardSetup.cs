using Akka.Cluster.Hosting;
using Akka.Hosting;

namespace Holler.Leaderboard;

public static class LeaderboardSetup
{
    public const string Role = "leaderboard";
    public const string SingletonName = "leaderboard";

    /// <summary>
    /// The leaderboard singleton on the oldest node with the leaderboard role (with a proxy), or only the proxy on other
    /// nodes. <c>registry.Get&lt;LeaderboardActor&gt;()</c> is the proxy either way.
    /// </summary>
    public static AkkaConfigurationBuilder AddLeaderboard(this AkkaConfigurationBuilder builder, LeaderboardSettings settings,
        bool hostSingleton, TimeProvider? clock = null)
    {
        // The proxy logs "failed to find singleton" while the node is still joining, which reads like a fault on every
        // start; a missing leaderboard shows up as no publications instead.
        var options = new ClusterSingletonOptions { Role = Role, LogSingletonIdentificationFailure = false };
        builder.WithDistributedPubSub(role: null!);
        return hostSingleton
            ? builder.WithSingleton<LeaderboardActor>(SingletonName, LeaderboardActor.PropsFor(settings, clock), options, createProxyToo: true)
            : builder.WithSingletonProxy<LeaderboardActor>(SingletonName, options);
    }
}
