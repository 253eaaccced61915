using Holler.Domain.Surges;

namespace Holler.Leaderboard;

/// <summary>A surge started or ended; published on DistributedPubSub topic <see cref="Topic"/> by the leaderboard
/// singleton as it happens.</summary>
public sealed record SurgeRecorded(SurgeRecord Record) : ILeaderboardProtocol
{
    public const string Topic = "surges";
}

/// <summary>Asks the leaderboard singleton for the recent surges; answered with <see cref="SurgeHistoryReply"/>.</summary>
public sealed record GetSurgeHistory : ILeaderboardProtocol
{
    public static GetSurgeHistory Instance { get; } = new();
}

/// <summary>The recent surges, newest start first, ongoing ones with their peak so far.</summary>
public sealed record SurgeHistoryReply(IReadOnlyList<SurgeRecord> Recent) : ILeaderboardProtocol;
