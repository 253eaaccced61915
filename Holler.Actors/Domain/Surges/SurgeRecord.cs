using Holler.Domain.Dimensions;

namespace Holler.Domain.Surges;

/// <summary>One surge (or drop) of one business, as the dashboard's history lists it.</summary>
/// <param name="StartedMs">When the episode started (event time, Unix ms), as the tracker reported it.</param>
/// <param name="EndedMs">When the leaderboard saw it end (Unix ms); 0 while it is still going on.</param>
/// <param name="PeakScore">Highest score reported so far.</param>
/// <param name="PeakCount">Most events in a 60-second window so far (fewest, for a drop).</param>
/// <param name="PeakRatio">The ratio furthest from normal so far: the highest for a surge, the lowest for a drop.</param>
/// <param name="Drop">A drop (traffic far below its expectation), not a surge.</param>
/// <param name="Drivers">What drove it, as reported with its peak score (at most 3; empty when unknown).</param>
/// <param name="Errors">An error surge (see <see cref="LeaderboardEntry.Errors"/>): its peak ratio is the peak 5xx share.</param>
public sealed record SurgeRecord(string BusinessId, long StartedMs, long EndedMs, double PeakScore, long PeakCount, double PeakRatio,
    bool Drop = false, IReadOnlyList<Driver>? Drivers = null, bool Errors = false)
{
    public IReadOnlyList<Driver> DriversOrEmpty => Drivers ?? [];

    /// <summary>The kind of episode as a word for people and payloads: surge, drop or errors.</summary>
    public string Kind => Errors ? "errors" : Drop ? "drop" : "surge";

    public bool Ongoing => EndedMs == 0;

    /// <summary>How long it lasted, or has lasted until <paramref name="nowMs"/> while ongoing.</summary>
    public TimeSpan Duration(long nowMs) => TimeSpan.FromMilliseconds(Math.Max(0, (Ongoing ? nowMs : EndedMs) - StartedMs));

    /// <summary>This record with its peaks moved to <paramref name="entry"/>'s where that is further from normal:
    /// higher for a surge, lower for a drop.</summary>
    public SurgeRecord WithPeaksOf(LeaderboardEntry entry) => this with
    {
        PeakScore = Math.Max(PeakScore, entry.Score),
        // The drivers at the peak explain the surge best; a report without any keeps those known.
        Drivers = entry.DriversOrEmpty.Count > 0 && (entry.Score >= PeakScore || DriversOrEmpty.Count == 0) ? entry.Drivers : Drivers,
        PeakCount = Drop ? Math.Min(PeakCount, entry.Count) : Math.Max(PeakCount, entry.Count),
        PeakRatio = Drop ? Math.Min(PeakRatio, entry.Ratio) : Math.Max(PeakRatio, entry.Ratio),
    };
}
