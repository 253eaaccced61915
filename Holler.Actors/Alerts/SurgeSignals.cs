using Holler.Domain.Alerts;
using Holler.Leaderboard;

namespace Holler.Alerts;

/// <summary>Reads the trackers' <see cref="SurgeChanged"/> as rules see it.</summary>
public static class SurgeSignals
{
    public static SurgeSignal From(SurgeChanged change) => new(change.BusinessId, change.Surging, change.Entry.Drop, change.Entry.Score,
        change.Entry.Ratio, change.Entry.Count, change.Entry.Baseline, change.Entry.SinceMs);
}
