namespace Holler.Domain.Surges;

/// <summary>One surge of one business, as the dashboard's history lists it.</summary>
/// <param name="StartedMs">When the surge started (event time, Unix ms), as the tracker reported it.</param>
/// <param name="EndedMs">When the leaderboard saw it end (Unix ms); 0 while it is still going on.</param>
/// <param name="PeakScore">Highest score reported so far.</param>
/// <param name="PeakCount">Most events in a 60-second window so far.</param>
public sealed record SurgeRecord(string BusinessId, long StartedMs, long EndedMs, double PeakScore, long PeakCount, double PeakRatio)
{
    public bool Ongoing => EndedMs == 0;

    /// <summary>How long it lasted, or has lasted until <paramref name="nowMs"/> while ongoing.</summary>
    public TimeSpan Duration(long nowMs) => TimeSpan.FromMilliseconds(Math.Max(0, (Ongoing ? nowMs : EndedMs) - StartedMs));
}
