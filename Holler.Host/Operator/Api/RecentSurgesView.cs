namespace Holler.Host.Operator.Api;

/// <summary><c>GET /api/surges</c>: the recent surges the leaderboard singleton keeps (the dashboard's surge history),
/// newest start first, ongoing ones with their peak so far.</summary>
public sealed record RecentSurgesView(IReadOnlyList<RecentSurgeView> Surges);

/// <param name="Kind">surge, drop or errors (an error surge: its peak ratio is its peak 5xx share, 0–1).</param>
/// <param name="Ended">Null while it goes on.</param>
/// <param name="Drivers">What drove it, as reported with its peak (at most 3); empty when unknown.</param>
public sealed record RecentSurgeView(string BusinessId, string? Name, string? City, string? Category, string Kind,
    DateTimeOffset Started, DateTimeOffset? Ended, double PeakScore, long PeakCount, double PeakRatio, IReadOnlyList<DriverView> Drivers);
