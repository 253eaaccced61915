namespace Holler.Domain.Surges;

/// <summary>One surge (or drop) of one business, as the dashboard's history lists it.</summary>
/// <param name="StartedMs">When the episode started (event time, Unix ms), as the tracker reported it.</param>
/// <param name="EndedMs">When the leaderboard saw it end (Unix ms); 0 while it is still going on.</param>
/// <param name="PeakScore">Highest score reported so far.</param>
/// <param name="PeakCount">Most events in a 60-second window so far (fewest, for a drop).</param>
/// <param name="PeakRatio">The ratio furthest from normal so far: the highest for a surge, the lowest for a drop.</param>
/// <param name="Drop">A drop (traffic far below its expectation), not a surge.</param>
public sealed record SurgeRecord(string BusinessId, long StartedMs, long EndedMs, double PeakScore, long PeakCount, double PeakRatio,
    bool Drop = false)
{
    public bool Ongoing => EndedMs == 0;

    /// <summary>How long it lasted, or has lasted until <paramref name="nowMs"/> while ongoing.</summary>
    public TimeSpan Duration(long nowMs) => TimeSpan.FromMilliseconds(Math.Max(0, (Ongoing ? nowMs : EndedMs) - StartedMs));

    /// <summary>This record with its peaks moved to <paramref name="entry"/>'s where that is further from normal:
    /// higher for a surge, lower for a drop.</summary>
    public SurgeRecord WithPeaksOf(LeaderboardEntry entry) => this with
    {
        PeakScore = Math.Max(PeakScore, entry.Score),
        PeakCount = Drop ? Math.Min(PeakCount, entry.Count) : Math.Max(PeakCount, entry.Count),
        PeakRatio = Drop ? Math.Min(PeakRatio, entry.Ratio) : Math.Max(PeakRatio, entry.Ratio),
    };
}
