using Holler.Domain.Alerts;
using Holler.Leaderboard;

namespace Holler.Alerts;

/// <summary>Reads the trackers' <see cref="SurgeChanged"/> as rules see it.</summary>
public static class SurgeSignals
{
    /// <remarks>An error surge's entry already carries the share now as its ratio and the usual share as its
    /// baseline, which is how an error-share signal reads them.</remarks>
    public static SurgeSignal From(SurgeChanged change) => new(change.BusinessId, change.Surging, change.Entry.Drop, change.Entry.Score,
        change.Entry.Ratio, change.Entry.Count, change.Entry.Baseline, change.Entry.SinceMs,
        change.Entry.Errors ? SignalKind.ErrorShare : SignalKind.Episode);

    public static SurgeSignal From(RateChanged change) => new(change.BusinessId, change.Over, false, 0,
        Domain.Surges.SurgeScore.Ratio(change.Count, change.Expected), change.Count, change.Expected, change.SinceMs, SignalKind.Rate, change.Seconds);
}
