using Holler.Domain.Surges;

namespace Holler.Leaderboard;

/// <summary>Marker for the leaderboard protocol, which crosses the network and is bound to <c>HollerSerializer</c>.</summary>
public interface ILeaderboardProtocol;

/// <summary>A business entered, moved within, or left a surge (or a drop: <see cref="LeaderboardEntry.Drop"/>; or an
/// error surge: <see cref="LeaderboardEntry.Errors"/>, an episode of its own). Sent by shard trackers to the leaderboard
/// singleton and the alerts singleton.</summary>
public sealed record SurgeChanged(string BusinessId, bool Surging, LeaderboardEntry Entry) : ILeaderboardProtocol;

/// <summary>The top surges, published by the leaderboard singleton on DistributedPubSub topic <see cref="Topic"/>.</summary>
/// <param name="Sequence">Increases with every publication of one singleton incarnation.</param>
/// <param name="Surging">How many businesses are surging in all, beyond the top N shown.</param>
/// <param name="ErrorTop">The top error surges (<see cref="LeaderboardEntry.Errors"/>), ranked the same way; the
/// dashboard's leaderboard switches between the two boards.</param>
/// <param name="ErrorSurging">How many businesses have an error surge in all.</param>
public sealed record LeaderboardUpdated(IReadOnlyList<LeaderboardEntry> Top, int Surging, long PublishedAtMs, long Sequence,
    IReadOnlyList<LeaderboardEntry>? ErrorTop = null, int ErrorSurging = 0)
    : ILeaderboardProtocol
{
    public IReadOnlyList<LeaderboardEntry> ErrorTopOrEmpty => ErrorTop ?? [];

    public const string Topic = "leaderboard";
}

/// <summary>Asks the singleton for the current top; answered with <see cref="LeaderboardUpdated"/>.</summary>
public sealed record GetLeaderboard : ILeaderboardProtocol
{
    public static GetLeaderboard Instance { get; } = new();
}
