using Akka.Actor;
using Holler.Domain.Dimensions;
using Holler.Domain.Surges;
using Holler.Leaderboard;

namespace Holler.Tracking;

/// <summary>
/// The busy businesses' breakdowns by dimension, and their error surges (see docs/dimensions.md). Breakdowns live only
/// in memory: they are neither journalled nor checkpointed, so after a restart or a hand-off they start afresh and
/// their "usually" shares re-learn over the next hour (docs/dimensions.md#who-keeps-a-breakdown).
/// </summary>
public sealed partial class ShardTracker
{
    private readonly HashSet<TrackedBusiness> _withDimensions = [];
    private readonly HashSet<TrackedBusiness> _erroring = [];

    /// <summary>Adds the fresh events of <paramref name="batch"/> to the breakdowns of the businesses that keep one,
    /// scores their error shares, and gives a breakdown to every business <paramref name="touched"/> that became busy.</summary>
    /// <param name="touched">The businesses the batch recorded, in its order: those with fresh events.</param>
    private void ApplyDimensions(TrafficBatch batch, TrackedBusiness[] touched)
    {
        var settings = _settings.Dims;
        if (!settings.Enabled) return;
        if (_withDimensions.Count > 0 && batch.Dimensions is { } dims && dims.Count == batch.Count)
        {
            // Business by business, not event by event: a breakdown is a dozen objects spread over the heap, and the
            // busy businesses' breakdowns do not all fit in the cache; in offset order every event would miss them.
            var events = _state.FreshByBusiness;
            var ends = _state.FreshEnds;
            for (int b = 0, k = 0, from = 0; b < ends.Length; from = ends[b++])
            {
                if (ends[b] == from) continue;
                // Recorded ids are the batch's businesses with fresh events, in the batch's order.
                var business = touched[k++];
                if (business.Dimensions is not { } target) continue;
                // A surge's events must not become its baseline (docs/dimensions.md#who-keeps-a-breakdown).
                var learn = !business.Traffic.Detector.IsSurging && !target.Errors.IsSurging;
                var breakdown = target.Breakdown;
                foreach (var i in events[from..ends[b]])
                    breakdown.Add(batch.Seconds[i], dims.PlatformAt(i), dims.StatusClassAt(i), dims.PathAt(i),
                        dims.ReferrerAt(i), dims.RegionAt(i), dims.Users[i], learn);
            }
        }

        var now = Now;
        foreach (var business in touched)
        {
            if (business.Dimensions is { } kept)
            {
                EvaluateErrors(business, kept);
                if (business.Traffic.Window.Sum * 4 >= settings.MinEventsPerMinute) kept.LastBusyTicks = now;
            }
            else if (business.Traffic.Window.Sum >= settings.MinEventsPerMinute)
            {
                business.Dimensions = new TrackedDimensions { LastBusyTicks = now };
                _withDimensions.Add(business);
                if (!Timers.IsTimerActive(DimensionSweepKey))
                    Timers.StartPeriodicTimer(DimensionSweepKey, DimensionSweep.Instance, DimensionSweepEvery);
            }
        }
    }

    private void EvaluateErrors(TrackedBusiness business, TrackedDimensions kept)
    {
        var transition = kept.EvaluateErrors(business.Traffic.Window.HeadSecond, _settings.Detector, _settings.Dims);
        if (transition is SurgeTransition.Started or SurgeTransition.Ended) ReportErrors(business, kept);
        if (transition == SurgeTransition.Started)
        {
            _erroring.Add(business);
            if (!Timers.IsTimerActive(TickKey)) Timers.StartPeriodicTimer(TickKey, Tick.Instance, _settings.Tick);
        }
    }

    /// <summary>Once a tick: every error surge is re-scored (a business whose traffic stopped must still end) and
    /// reported, so the leaderboard's expiry knows it is alive.</summary>
    private void TickErrors(long now)
    {
        if (_erroring.Count == 0) return;
        List<TrackedBusiness>? ended = null;
        foreach (var business in _erroring)
        {
            if (business.Dimensions is not { } kept)
            {
                (ended ??= []).Add(business);
                continue;
            }
            _state.SlideIfQuiet(business, now);
            var transition = kept.EvaluateErrors(business.Traffic.Window.HeadSecond, _settings.Detector, _settings.Dims);
            ReportErrors(business, kept);
            if (transition == SurgeTransition.Ended || !kept.Errors.IsSurging) (ended ??= []).Add(business);
        }
        if (ended is not null) _erroring.ExceptWith(ended);
    }

    private bool Ticking => _surging.Count > 0 || _erroring.Count > 0;

    private void ReportErrors(TrackedBusiness business, TrackedDimensions kept)
    {
        var change = new SurgeChanged(business.Id, kept.Errors.IsSurging, ErrorEntry(business, kept));
        _leaderboard.Tell(change);
        _alerts?.Tell(change);
    }

    private LeaderboardEntry ErrorEntry(TrackedBusiness business, TrackedDimensions kept)
    {
        var (errorsNow, knownNow, errorsUsually, knownUsually) = kept.Breakdown.ErrorCounts(business.Traffic.Window.HeadSecond);
        return new LeaderboardEntry(business.Id, kept.Errors.Score, (long)Math.Round(knownNow),
            knownUsually > 0 ? errorsUsually / knownUsually : 0, knownNow > 0 ? errorsNow / knownNow : 0,
            kept.Errors.SinceSecond * 1000, _clock.GetUtcNow().ToUnixTimeMilliseconds(),
            Drivers: DriversOf(business), Errors: true);
    }

    /// <summary>What drives the business's traffic now, for its surge report; null without a breakdown.</summary>
    private static IReadOnlyList<Driver>? DriversOf(TrackedBusiness business)
    {
        if (business.Dimensions is not { } kept) return null;
        kept.Breakdown.Breakdown.Advance(business.Traffic.Window.HeadSecond);
        var drivers = kept.Breakdown.Breakdown.Drivers();
        return drivers.Count > 0 ? drivers : null;
    }

    /// <summary>Drops the breakdowns of businesses that have been quiet for <see cref="DimensionSettings.KeepMinutes"/>,
    /// unless they are in a surge or an error surge (whose drivers and end need them).</summary>
    private void SweepDimensions()
    {
        var settings = _settings.Dims;
        var now = Now;
        var keepTicks = TimeSpan.FromMinutes(settings.KeepMinutes).Ticks;
        List<TrackedBusiness>? released = null;
        foreach (var business in _withDimensions)
        {
            var kept = business.Dimensions!;
            _state.SlideIfQuiet(business, now);
            if (business.Traffic.Window.Sum * 4 >= settings.MinEventsPerMinute) kept.LastBusyTicks = now;
            else if (now - kept.LastBusyTicks >= keepTicks && !business.Traffic.Detector.IsSurging && !kept.Errors.IsSurging)
                (released ??= []).Add(business);
        }
        if (released is null) return;
        foreach (var business in released) business.Dimensions = null;
        _withDimensions.ExceptWith(released);
        if (_withDimensions.Count == 0) Timers.Cancel(DimensionSweepKey);
    }

    /// <summary>How many of this shard's businesses keep a breakdown (for tests and metrics).</summary>
    internal int WithDimensions => _withDimensions.Count;

    private static readonly TimeSpan DimensionSweepEvery = TimeSpan.FromMinutes(1);
    private const string DimensionSweepKey = "dimension-sweep";

    private sealed class DimensionSweep
    {
        public static DimensionSweep Instance { get; } = new();
    }
}
