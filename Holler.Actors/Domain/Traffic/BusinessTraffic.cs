using Holler.Domain.Detection;
using Holler.Domain.Surges;
using NodaTime;

namespace Holler.Domain.Traffic;

/// <summary>
/// Everything Holler knows about one business's traffic: the rolling window, per-minute history, the learned
/// baseline (its own level and spread; the rhythm it shares with its <see cref="SeasonGroup"/>) and the surge state.
/// Pure and single-threaded; the tracker actor is a thin shell around it.
/// </summary>
/// <remarks>One object per business: the window, minutes, baseline and detector are structs stored inline (a node
/// holds a million of these, and five objects with two arrays cost ~180 B more each). They are handed out as
/// read-only references; only this class changes them.</remarks>
public class BusinessTraffic
{
    private readonly BaselineSettings _baselineSettings;
    private readonly SeasonGroup _group;
    private readonly ZoneClock _zone;
    private RollingWindow _window = new();
    private MinuteHistory _minutes = new();
    private BaselineState _baseline;
    private SurgeDetector _detector;

    /// <summary>The minute <see cref="_point"/> is for. Finding a business's local time costs more than the rest of an
    /// evaluation, so its place in the rhythm is found once a minute, at the minute's start (found at whichever second
    /// asked first, it would differ between a run and its recovery). The rhythm's value is read afresh every time: the
    /// profile is shared, and other businesses move it within the minute.</summary>
    private long _pointMinute = long.MinValue;
    private SeasonPoint _point;

    /// <param name="group">The rhythm this business shares; null for one of its own, as tests and replays use.</param>
    /// <param name="zone">The clock its rhythm runs on; null for UTC.</param>
    public BusinessTraffic(BaselineSettings baseline, DetectorSettings detector, SeasonGroup? group = null, DateTimeZone? zone = null)
    {
        _baselineSettings = baseline;
        _zone = zone is null ? ZoneClock.Utc : ZoneClock.For(zone);
        _group = group ?? new SeasonGroup("", baseline.ToModel(detector));
        if (group is null) _group.Join();
        _detector = new SurgeDetector(detector);
    }

    public SeasonGroup Group => _group;
    public DateTimeZone Zone => _zone.Zone;

    public ref readonly RollingWindow Window => ref _window;
    public ref readonly MinuteHistory Minutes => ref _minutes;

    /// <summary>The business's own level and spread; with the group's rhythm, what it normally gets in 60 seconds.</summary>
    public ref readonly BaselineState Baseline => ref _baseline;
    public ref readonly SurgeDetector Detector => ref _detector;

    public long FirstSeenSecond { get; private set; } = long.MinValue;

    /// <summary>Last minute whose final count has gone into the baseline.</summary>
    public long BaselineThroughMinute { get; private set; } = long.MinValue;

    /// <summary>Every event recorded, late ones included: this is what must equal what was produced.</summary>
    public long Total { get; private set; }

    /// <summary>Events older than the window when they arrived: counted, not applied.</summary>
    public long Late { get; private set; }

    public bool IsWarm => _baseline.Samples > 0;

    /// <summary>What this business is expected to get in the 60 seconds ending at <paramref name="second"/>.</summary>
    /// <remarks>Leaves the current minute's cached place in the rhythm alone: a drill-down asking for the last hour must
    /// not change what the detector does next.</remarks>
    public double ExpectedAt(long second) =>
        IsWarm ? SeasonalModel.Expected(_baseline, _group.Profile.At(_group.PointAt(FloorDiv(second, 60) * 60, _zone)), ValueKind.Count) : 0;

    /// <summary>What it is expected to get in the current window; 0 while warming up.</summary>
    public double Expected =>
        _window.IsEmpty || !IsWarm ? 0 : SeasonalModel.Expected(_baseline, _group.Profile.At(PointAt(_window.HeadSecond)), ValueKind.Count);

    /// <summary>The count a window would need to lie <paramref name="deviation"/> standard units from <paramref name="expected"/>.</summary>
    public double CountAt(double expected, double deviation) => SeasonalModel.ValueAt(expected, deviation, _baseline, ValueKind.Count);

    /// <summary>Minutes a surge or drop has lasted towards becoming the new level (0 when none is).</summary>
    public int ShiftMinutes => Math.Abs(_baseline.ShiftRun);

    private SeasonPoint PointAt(long second)
    {
        var minute = FloorDiv(second, 60);
        if (minute != _pointMinute)
        {
            _point = _group.PointAt(minute * 60, _zone);
            _pointMinute = minute;
        }
        return _point;
    }

    /// <summary>
    /// Tells a business that has never had an event that the stream has been watched since <paramref name="second"/>:
    /// its silence until now is history. Without this, a rare business first seen in the middle of its own surge would
    /// learn the surge as its baseline during warm-up and never alarm.
    /// </summary>
    public void ObservedSince(long second)
    {
        if (FirstSeenSecond == long.MinValue) FirstSeenSecond = second;
    }

    /// <summary>Records <paramref name="count"/> events in one event-time second.</summary>
    /// <returns>True when applied to the window, false when late.</returns>
    public bool Record(long second, int count)
    {
        if (FirstSeenSecond == long.MinValue) FirstSeenSecond = second;
        Total += count;
        AdvanceTo(second);
        if (!_window.Add(second, count))
        {
            Late += count;
            return false;
        }
        _minutes.Add(FloorDiv(second, 60), count);
        return true;
    }

    /// <summary>Moves the window's head forward (a newer event, or processing time passing for a quiet business),
    /// finishing baseline minutes on the way.</summary>
    public void AdvanceTo(long second)
    {
        if (FirstSeenSecond == long.MinValue || (!_window.IsEmpty && second <= _window.HeadSecond)) return;
        LearnBaselineUpTo(second);
        _window.AdvanceTo(second);
    }

    /// <summary>Re-scores the window against the baseline at the current head.</summary>
    public SurgeTransition Evaluate()
    {
        if (_window.IsEmpty) return SurgeTransition.None;
        var expected = Expected;
        var deviation = IsWarm ? SeasonalModel.Deviation(_window.Sum, expected, _baseline, ValueKind.Count) : 0;
        return _detector.Evaluate(_window.Sum, expected, deviation, IsWarm, _window.HeadSecond);
    }

    public double Ratio => SurgeScore.Ratio(_window.Sum, Expected);

    private void LearnBaselineUpTo(long newHead)
    {
        var warmAt = FirstSeenSecond + _baselineSettings.WarmupSeconds;
        var lastFinal = FloorDiv(newHead - FinalAfter, 60);
        if (!IsWarm)
        {
            if (newHead < warmAt) return;
            // Counted among the group's teachers before teaching, so its samples' share includes itself.
            _group.Taught(null, TaughtHour(Math.Max(lastFinal, WarmThroughMinute(warmAt))));
            // The last full window of warm-up ends at warmAt - 1 (ending at warmAt would drop the first-seen second).
            // The head is before warmAt, so the window still holds all of that window that has happened.
            Learn(warmAt - 1 - 30, _window.SumEndingAt(warmAt - 1));
            // Minutes final before warm-up ended, and the partial minute the business was first seen in, are not learned.
            BaselineThroughMinute = WarmThroughMinute(warmAt);
        }
        else if (lastFinal > BaselineThroughMinute) _group.Taught(TaughtHour(BaselineThroughMinute), TaughtHour(lastFinal));
        var next = BaselineThroughMinute + 1;
        // After a day of silence the baseline has decayed to nothing either way; bound the work of a long gap.
        if (lastFinal - next > MaxMinutesPerStep) next = lastFinal - MaxMinutesPerStep;
        for (var minute = next; minute <= lastFinal; minute++) Learn(minute * 60 + 30, _minutes.CountAt(minute));
        if (lastFinal > BaselineThroughMinute) BaselineThroughMinute = lastFinal;
    }

    private long WarmThroughMinute(long warmAt) => Math.Max(FloorDiv(warmAt - FinalAfter, 60), CeilDiv(FirstSeenSecond, 60) - 1);

    /// <summary>The hour a business counts as having last taught its group in: that of the last minute it learned,
    /// which a snapshot keeps, so a recovered group counts its teachers as the run did.</summary>
    private static long TaughtHour(long throughMinute) => FloorDiv(throughMinute, 60);

    /// <param name="second">The middle of the minute learned, for its place in the rhythm.</param>
    private void Learn(long second, double count)
    {
        SeasonalModel.Learn(ref _baseline, _group.Profile, _group.PointAt(second, _zone), count, _group.Rates, _group.Model, warm: true, _group.Share);
    }

    /// <summary>A minute's count is final once all its seconds have left the window (head ≥ its start + 119 s),
    /// because until then late events may still add to it.</summary>
    private const long FinalAfter = 60 + RollingWindow.Seconds - 1;

    private const long MaxMinutesPerStep = 24 * 60;

    public BusinessTrafficState ToState() => new(
        _window.HeadSecond, _window.ToArray(), _window.IsEmpty ? long.MinValue : FloorDiv(_window.HeadSecond, 60),
        _window.IsEmpty ? [] : _minutes.ToArray(FloorDiv(_window.HeadSecond, 60)),
        _baseline, FirstSeenSecond, BaselineThroughMinute, Total, Late,
        _detector.IsSurging, _detector.SinceSecond, _detector.Score, _detector.PeakScore, _detector.IsDrop);

    public void Restore(BusinessTrafficState state) => Restore(state.HeadSecond, state.WindowCounts, state.LastMinute,
        state.MinuteCounts, state.Baseline, state.FirstSeenSecond, state.BaselineThroughMinute, state.Total, state.Late,
        state.Surging, state.SurgeSinceSecond, state.Score, state.PeakScore, state.Drop);

    /// <summary>The fields of <see cref="BusinessTrafficState"/> one by one: a checkpoint is read straight into live
    /// state, without a state object per business.</summary>
    public void Restore(long headSecond, ReadOnlySpan<int> windowCounts, long lastMinute, ReadOnlySpan<int> minuteCounts,
        in BaselineState baseline, long firstSeenSecond, long baselineThroughMinute, long total, long late,
        bool surging, long surgeSinceSecond, double score, double peakScore, bool drop)
    {
        long? taught = IsWarm ? TaughtHour(BaselineThroughMinute) : null;
        // A business restored to one still warming up stays counted where it was until that hour leaves the window.
        if (baseline.Samples > 0) _group.Taught(taught, TaughtHour(baselineThroughMinute));
        _window.Restore(headSecond, windowCounts);
        _minutes.Restore(lastMinute, minuteCounts);
        _baseline = baseline;
        _pointMinute = long.MinValue;
        FirstSeenSecond = firstSeenSecond;
        BaselineThroughMinute = baselineThroughMinute;
        Total = total;
        Late = late;
        _detector.Restore(surging, surgeSinceSecond, score, peakScore, drop);
    }

    internal static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
    internal static long CeilDiv(long a, long b) => -FloorDiv(-a, b);
}

/// <summary>A business's traffic state as plain data, for snapshots.</summary>
public sealed record BusinessTrafficState(
    long HeadSecond, int[] WindowCounts, long LastMinute, int[] MinuteCounts,
    BaselineState Baseline,
    long FirstSeenSecond, long BaselineThroughMinute, long Total, long Late,
    bool Surging, long SurgeSinceSecond, double Score, double PeakScore, bool Drop = false);
