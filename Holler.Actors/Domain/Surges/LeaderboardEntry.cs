namespace Holler.Domain.Surges;

/// <summary>One business's episode as its tracker reports it: a surge, which the leaderboard ranks, or a drop, which
/// only the surge history lists.</summary>
/// <param name="Count">Events in the current 60-second window.</param>
/// <param name="Baseline">Events this business normally gets in 60 seconds.</param>
/// <param name="SinceMs">When the episode started (event time, Unix ms).</param>
/// <param name="UpdatedMs">When the tracker last reported it (Unix ms, processing time), for expiry.</param>
/// <param name="Drop">Traffic far below its expectation (<c>Detector:Direction</c> drop or both), not a surge: a
/// leaderboard of "what is hot" has no place for it.</param>
public sealed record LeaderboardEntry(
    string BusinessId, double Score, long Count, double Baseline, double Ratio, long SinceMs, long UpdatedMs, bool Drop = false);
