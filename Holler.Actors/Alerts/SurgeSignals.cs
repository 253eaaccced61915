using Holler.Domain.Alerts;
using Holler.Leaderboard;

namespace Holler.Alerts;

/// <summary>Reads the trackers' <see cref="SurgeChanged"/> as rules see it.</summary>
public static class SurgeSignals
{
    public static SurgeSignal From(SurgeChanged change) => new(change.BusinessId, change.Surging, change.Entry.Drop, change.Entry.Score,
        change.Entry.Ratio, change.Entry.Count, change.Entry.Baseline, change.Entry.SinceMs);

    public static SurgeSignal From(RateChanged change) => new(change.BusinessId, change.Over, false, 0,
        Domain.Surges.SurgeScore.Ratio(change.Count, change.Expected), change.Count, change.Expected, change.SinceMs, SignalKind.Rate, change.Seconds);
}
