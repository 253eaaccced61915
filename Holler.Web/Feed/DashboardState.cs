using Holler.Domain.Surges;
using Holler.Ingest;
using Holler.Leaderboard;

namespace Holler.Web.Feed;

/// <summary>Whether the dashboard hears from the cluster.</summary>
public enum FeedConnection
{
    /// <summary>Nothing heard yet (the node is joining, or the leaderboard singleton is starting).</summary>
    Connecting,
    /// <summary>The leaderboard answered or published recently.</summary>
    Live,
    /// <summary>It did, but has not for a while: the singleton or this node lost the cluster.</summary>
    Lost,
}

/// <summary>A cluster member as the cluster strip shows it.</summary>
public sealed record ClusterMember(string Address, IReadOnlyList<string> Roles, string Status, bool Reachable, bool IsSelf);

/// <summary>Everything the live view shows, as one immutable snapshot; every browser session gets the same instance.</summary>
/// <param name="LeaderboardReceivedMs">When this node last heard the leaderboard (publication or answer), Unix ms.</param>
/// <param name="History">Recent surges, newest start first.</param>
/// <param name="Ingest">The latest status of every ingest node heard from recently.</param>
public sealed record DashboardState(
    LeaderboardUpdated? Leaderboard,
    long LeaderboardReceivedMs,
    IReadOnlyList<SurgeRecord> History,
    IReadOnlyList<ClusterMember> Members,
    IReadOnlyList<IngestNodeStatus> Ingest,
    FeedConnection Connection)
{
    public static DashboardState Initial { get; } = new(null, 0, [], [], [], FeedConnection.Connecting);

    public IReadOnlyList<LeaderboardEntry> Top => Leaderboard?.Top ?? [];

    public double ConsumedPerSecond => Ingest.Sum(s => s.ConsumedPerSecond);
    public double AppliedPerSecond => Ingest.Sum(s => s.AppliedPerSecond);
    public long Lag => Ingest.Sum(s => s.Lag);
    public long Rejected => Ingest.Sum(s => s.Rejected);
}
