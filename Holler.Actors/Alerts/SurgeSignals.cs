using Holler.Domain.Alerts;
using Holler.Leaderboard;

namespace Holler.Alerts;

/// <summary>Reads the trackers' <see cref="SurgeChanged"/> as rules see it.</summary>
public static class SurgeSignals
{
    public static SurgeSignal From(SurgeChanged change) => new(change.BusinessId, change.Surging, IsDrop(change), change.Entry.Score,
        change.Entry.Ratio, change.Entry.Count, change.Entry.Baseline, change.Entry.SinceMs);

    /// <summary>Whether the episode is a drop. The one place that decides it: the trackers' report will say so itself
    /// (a Drop flag on the entry); until then traffic below its expectation is a drop.</summary>
    public static bool IsDrop(SurgeChanged change) => change.Entry.Ratio < 1;
}
