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
    // Per batch business index, the tracked business that keeps a breakdown (null for one that does not): reused.
    private TrackedDimensions?[] _batchDimensions = [];
    private bool[] _batchLearns = [];

    /// <summary>Adds the fresh events of <paramref name="batch"/> to the breakdowns of the businesses that keep one,
    /// scores their error shares, and gives a breakdown to every business <paramref name="touched"/> that became busy.</summary>
    /// <param name="recorded">What the batch recorded: <paramref name="touched"/>[k] is its BusinessIds[k].</param>
    private void ApplyDimensions(TrafficBatch batch, TrafficRecorded recorded, TrackedBusiness[] touched)
    {
        var settings = _settings.Dims;
        if (!settings.Enabled) return;
        if (_withDimensions.Count > 0 && batch.Dimensions is { } dims && dims.Count == batch.Count)
        {
            if (_batchDimensions.Length < batch.BusinessIds.Length) _batchDimensions = new TrackedDimensions?[batch.BusinessIds.Length];
            if (_batchLearns.Length < batch.BusinessIds.Length) _batchLearns = new bool[batch.BusinessIds.Length];
            // Recorded ids are the batch's own string instances, in the batch's order, for the businesses with fresh events.
            for (int b = 0, k = 0; b < batch.BusinessIds.Length; b++)
            {
                if (k < touched.Length && ReferenceEquals(batch.BusinessIds[b], recorded.BusinessIds[k]))
                {
                    var business = touched[k++];
                    _batchDimensions[b] = business.Dimensions;
                    // A surge's events must not become its baseline (docs/dimensions.md#who-keeps-a-breakdown).
                    _batchLearns[b] = !business.Traffic.Detector.IsSurging && business.Dimensions is { Errors.IsSurging: false };
                }
                else _batchDimensions[b] = null;
            }
            foreach (var i in _state.FreshIndexes)
            {
                var b = batch.Businesses[i];
                if (_batchDimensions[b] is not { } target) continue;
                target.Breakdown.Add(batch.Seconds[i], dims.PlatformAt(i), dims.StatusClassAt(i), dims.PathAt(i),
                    dims.ReferrerAt(i), dims.RegionAt(i), dims.Users[i], _batchLearns[b]);
            }
            Array.Clear(_batchDimensions, 0, batch.BusinessIds.Length);
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
