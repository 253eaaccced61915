using Holler.Domain.Surges;

namespace Holler.Leaderboard;

/// <summary>Marker for the leaderboard protocol, which crosses the network and is bound to <c>HollerSerializer</c>.</summary>
public interface ILeaderboardProtocol;

/// <summary>A business entered, moved within, or left a surge (or a drop: <see cref="LeaderboardEntry.Drop"/>). Sent by
/// shard trackers to the leaderboard singleton.</summary>
public sealed record SurgeChanged(string BusinessId, bool Surging, LeaderboardEntry Entry) : ILeaderboardProtocol;

/// <summary>The top surges, published by the leaderboard singleton on DistributedPubSub topic <see cref="Topic"/>.</summary>
/// <param name="Sequence">Increases with every publication of one singleton incarnation.</param>
/// <param name="Surging">How many businesses are surging in all, beyond the top N shown.</param>
public sealed record LeaderboardUpdated(IReadOnlyList<LeaderboardEntry> Top, int Surging, long PublishedAtMs, long Sequence)
    : ILeaderboardProtocol
{
    public const string Topic = "leaderboard";
}

/// <summary>Asks the singleton for the current top; answered with <see cref="LeaderboardUpdated"/>.</summary>
public sealed record GetLeaderboard : ILeaderboardProtocol
{
    public static GetLeaderboard Instance { get; } = new();
}
