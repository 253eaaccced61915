namespace Holler.Domain.Surges;

/// <summary>One surging business as the leaderboard shows it.</summary>
/// <param name="Count">Events in the current 60-second window.</param>
/// <param name="Baseline">Events this business normally gets in 60 seconds.</param>
/// <param name="SinceMs">When the surge started (event time, Unix ms).</param>
/// <param name="UpdatedMs">When the tracker last reported it (Unix ms, processing time), for expiry.</param>
public sealed record LeaderboardEntry(
    string BusinessId, double Score, long Count, double Baseline, double Ratio, long SinceMs, long UpdatedMs);
