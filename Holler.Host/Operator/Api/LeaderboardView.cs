namespace Holler.Host.Operator.Api;

/// <summary><c>GET /api/leaderboard</c>: the top surges as the leaderboard singleton has them now.</summary>
/// <param name="Surging">Businesses surging in all, beyond the rows shown.</param>
/// <param name="Sequence">Increases with every publication of one singleton incarnation.</param>
public sealed record LeaderboardView(DateTimeOffset PublishedAt, long Sequence, int Surging, IReadOnlyList<LeaderboardRowView> Top);

/// <param name="Name">From this node's catalog; null for a business it does not know.</param>
/// <param name="Count">Events in the last 60 seconds.</param>
/// <param name="Baseline">Events the business normally gets in 60 seconds.</param>
public sealed record LeaderboardRowView(int Rank, string BusinessId, string? Name, string? City, string? Category,
    double Score, double Ratio, long Count, double Baseline, DateTimeOffset Since);
