using Holler.Domain.Surges;

namespace Holler.Web.Components.Dashboard;

public static class SurgeHistoryView
{
    /// <summary>Ongoing surges' peaks travel only with their start and end; the live leaderboard knows better meanwhile.
    /// It ranks surges and (on its second board) error surges, each matched to a record of its own kind; a drop's record
    /// is left as it is.</summary>
    public static IReadOnlyList<SurgeRecord> WithLivePeaks(IReadOnlyList<SurgeRecord> history, IReadOnlyList<LeaderboardEntry> top)
    {
        if (top.Count == 0 || history.Count == 0) return history;
        var live = new Dictionary<(string, bool), LeaderboardEntry>();
        foreach (var e in top) live[(e.BusinessId, e.Errors)] = e;
        return history.Select(r => r.Ongoing && !r.Drop && live.TryGetValue((r.BusinessId, r.Errors), out var e) && e.SinceMs == r.StartedMs && !e.Drop
            ? r.WithPeaksOf(e)
            : r).ToArray();
    }
}
