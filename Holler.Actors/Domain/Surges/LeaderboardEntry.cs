using Holler.Domain.Dimensions;

namespace Holler.Domain.Surges;

/// <summary>One business's episode as its tracker reports it: a surge, which the leaderboard ranks, or a drop, which
/// only the surge history lists.</summary>
/// <param name="Count">Events in the current 60-second window.</param>
/// <param name="Baseline">Events this business normally gets in 60 seconds.</param>
/// <param name="SinceMs">When the episode started (event time, Unix ms).</param>
/// <param name="UpdatedMs">When the tracker last reported it (Unix ms, processing time), for expiry.</param>
/// <param name="Drop">Traffic far below its expectation (<c>Detector:Direction</c> drop or both), not a surge: a
/// leaderboard of "what is hot" has no place for it.</param>
/// <param name="Drivers">What drove it: the dimension values whose share grew most (at most 3); empty for a business
/// that keeps no breakdown (docs/dimensions.md#who-keeps-a-breakdown).</param>
/// <param name="Errors">An error surge: its 5xx share far above its own usual share. Then <paramref name="Score"/> is
/// the share's severity, <paramref name="Count"/> the responses with a status in the last 60 s,
/// <paramref name="Ratio"/> the 5xx share now and <paramref name="Baseline"/> the usual share (both 0–1). It is ranked
/// on a board of its own, beside (not instead of) the business's traffic surge.</param>
public sealed record LeaderboardEntry(
    string BusinessId, double Score, long Count, double Baseline, double Ratio, long SinceMs, long UpdatedMs, bool Drop = false,
    IReadOnlyList<Driver>? Drivers = null, bool Errors = false)
{
    public IReadOnlyList<Driver> DriversOrEmpty => Drivers ?? [];

    /// <summary>Whether a reader would see a difference: everything but <see cref="UpdatedMs"/>, drivers by value.</summary>
    public bool LooksLike(LeaderboardEntry other) =>
        this with { UpdatedMs = 0, Drivers = null } == other with { UpdatedMs = 0, Drivers = null }
        && DriversOrEmpty.SequenceEqual(other.DriversOrEmpty);
}
