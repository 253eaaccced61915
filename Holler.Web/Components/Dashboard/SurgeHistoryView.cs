using Holler.Domain.Surges;

namespace Holler.Web.Components.Dashboard;

public static class SurgeHistoryView
{
    /// <summary>Ongoing surges' peaks travel only with their start and end; the live leaderboard knows better meanwhile.</summary>
    public static IReadOnlyList<SurgeRecord> WithLivePeaks(IReadOnlyList<SurgeRecord> history, IReadOnlyList<LeaderboardEntry> top)
    {
        if (top.Count == 0 || history.Count == 0) return history;
        var live = new Dictionary<string, LeaderboardEntry>(StringComparer.Ordinal);
        foreach (var e in top) live[e.BusinessId] = e;
        return history.Select(r => r.Ongoing && live.TryGetValue(r.BusinessId, out var e) && e.SinceMs == r.StartedMs
            ? r with { PeakScore = Math.Max(r.PeakScore, e.Score), PeakCount = Math.Max(r.PeakCount, e.Count), PeakRatio = Math.Max(r.PeakRatio, e.Ratio) }
            : r).ToArray();
    }
}
