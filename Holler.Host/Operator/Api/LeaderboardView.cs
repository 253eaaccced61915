namespace Holler.Host.Operator.Api;

/// <summary><c>GET /api/leaderboard</c>: the top surges as the leaderboard singleton has them now.</summary>
/// <param name="Surging">Businesses surging in all, beyond the rows shown.</param>
/// <param name="Sequence">Increases with every publication of one singleton incarnation.</param>
/// <param name="ErrorSurging">Businesses with an error surge in all.</param>
/// <param name="ErrorTop">The top error surges: the second board, ranked by the 5xx share's severity.</param>
public sealed record LeaderboardView(DateTimeOffset PublishedAt, long Sequence, int Surging, IReadOnlyList<LeaderboardRowView> Top,
    int ErrorSurging = 0, IReadOnlyList<ErrorRowView>? ErrorTop = null);

/// <param name="Name">From this node's catalog; null for a business it does not know.</param>
/// <param name="Count">Events in the last 60 seconds.</param>
/// <param name="Baseline">Events the business normally gets in 60 seconds.</param>
/// <param name="Drivers">What drives the surge (at most 3); empty for a business that keeps no breakdown.</param>
public sealed record LeaderboardRowView(int Rank, string BusinessId, string? Name, string? City, string? Category,
    double Score, double Ratio, long Count, double Baseline, DateTimeOffset Since, IReadOnlyList<DriverView>? Drivers = null);

/// <summary>An error surge: the business's 5xx share far above its own usual share.</summary>
/// <param name="Score">Severity of the share now against the usual one.</param>
/// <param name="ErrorShare">5xx among responses with a status, last minute or so (0–1).</param>
/// <param name="UsualErrorShare">The same over about the last hour (0–1).</param>
/// <param name="Responses">Responses with a status behind <paramref name="ErrorShare"/> (a decayed count).</param>
public sealed record ErrorRowView(int Rank, string BusinessId, string? Name, string? City, string? Category,
    double Score, double ErrorShare, double UsualErrorShare, long Responses, DateTimeOffset Since, IReadOnlyList<DriverView> Drivers);
