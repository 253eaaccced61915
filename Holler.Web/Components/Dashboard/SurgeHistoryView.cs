using Holler.Domain.Surges;

namespace Holler.Web.Components.Dashboard;

public static class SurgeHistoryView
{
    /// <summary>Ongoing surges' peaks travel only with their start and end; the live leaderboard knows better meanwhile.
    /// It ranks only surges, so a drop's or an error surge's record is left as it is.</summary>
    public static IReadOnlyList<SurgeRecord> WithLivePeaks(IReadOnlyList<SurgeRecord> history, IReadOnlyList<LeaderboardEntry> top)
    {
        if (top.Count == 0 || history.Count == 0) return history;
        var live = new Dictionary<string, LeaderboardEntry>(StringComparer.Ordinal);
        foreach (var e in top) live[e.BusinessId] = e;
        return history.Select(r => r.Ongoing && !r.Drop && !r.Errors && live.TryGetValue(r.BusinessId, out var e) && e.SinceMs == r.StartedMs && !e.Drop
            ? r.WithPeaksOf(e)
            : r).ToArray();
    }
}
