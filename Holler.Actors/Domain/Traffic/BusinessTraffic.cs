using Holler.Domain.Surges;

namespace Holler.Domain.Traffic;

/// <summary>
/// Everything Holler knows about one business's traffic: the rolling window, per-minute history, the learned
/// baseline and the surge state. Pure and single-threaded; the tracker actor is a thin shell around it.
/// </summary>
/// <remarks>One object per business: the window, minutes, baseline and detector are structs stored inline (a node
/// holds a million of these, and five objects with two arrays cost ~180 B more each). They are handed out as
/// read-only references; only this class changes them.</remarks>
public class BusinessTraffic
{
    private readonly BaselineSettings _baselineSettings;
    private readonly DetectorSettings _detectorSettings;
    private RollingWindow _window = new();
    private MinuteHistory _minutes = new();
    private ExponentialStats _baseline;
    private SurgeDetector _detector;

    public BusinessTraffic(BaselineSettings baseline, DetectorSettings detector)
    {
        _baselineSettings = baseline;
        _detectorSettings = detector;
        _baseline = new ExponentialStats(baseline.HalfLifeMinutes);
        _detector = new SurgeDetector(detector);
    }

    public ref readonly RollingWindow Window => ref _window;
    public ref readonly MinuteHistory Minutes => ref _minutes;

    /// <summary>Per-minute counts' EW mean and variance: what this business normally gets in 60 seconds.</summary>
    public ref readonly ExponentialStats Baseline => ref _baseline;
    public ref readonly SurgeDetector Detector => ref _detector;

    public long FirstSeenSecond { get; private set; } = long.MinValue;

    /// <summary>Last minute whose final count has gone into the baseline.</summary>
    public long BaselineThroughMinute { get; private set; } = long.MinValue;

    /// <summary>Every event recorded, late ones included: this is what must equal what was produced.</summary>
    public long Total { get; private set; }

    /// <summary>Events older than the window when they arrived: counted, not applied.</summary>
    public long Late { get; private set; }

    public bool IsWarm => _baseline.Samples > 0;

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
    public SurgeTransition Evaluate() =>
        _window.IsEmpty
            ? SurgeTransition.None
            : _detector.Evaluate(_window.Sum, _baseline.Mean, _baseline.Variance, IsWarm, _window.HeadSecond);

    public double Ratio => SurgeScore.Ratio(_window.Sum, _baseline.Mean);

    private void LearnBaselineUpTo(long newHead)
    {
        var warmAt = FirstSeenSecond + _baselineSettings.WarmupSeconds;
        if (!IsWarm)
        {
            if (newHead < warmAt) return;
            // The last full window of warm-up ends at warmAt - 1 (ending at warmAt would drop the first-seen second).
            // The head is before warmAt, so the window still holds all of that window that has happened.
            _baseline.Initialize(_window.SumEndingAt(warmAt - 1));
            // Minutes final before warm-up ended, and the partial minute the business was first seen in, are not learned.
            BaselineThroughMinute = Math.Max(FloorDiv(warmAt - FinalAfter, 60), CeilDiv(FirstSeenSecond, 60) - 1);
        }
        var lastFinal = FloorDiv(newHead - FinalAfter, 60);
        var next = BaselineThroughMinute + 1;
        // After a day of silence the baseline has decayed to nothing either way; bound the work of a long gap.
        if (lastFinal - next > MaxMinutesPerStep) next = lastFinal - MaxMinutesPerStep;
        for (var minute = next; minute <= lastFinal; minute++)
            _baseline.Add(SurgeScore.Learnable(_minutes.CountAt(minute), _baseline.Mean, _baseline.Variance, _detectorSettings.EnterScore));
        if (lastFinal > BaselineThroughMinute) BaselineThroughMinute = lastFinal;
    }

    /// <summary>A minute's count is final once all its seconds have left the window (head ≥ its start + 119 s),
    /// because until then late events may still add to it.</summary>
    private const long FinalAfter = 60 + RollingWindow.Seconds - 1;

    private const long MaxMinutesPerStep = 24 * 60;

    public BusinessTrafficState ToState() => new(
        _window.HeadSecond, _window.ToArray(), _window.IsEmpty ? long.MinValue : FloorDiv(_window.HeadSecond, 60),
        _window.IsEmpty ? [] : _minutes.ToArray(FloorDiv(_window.HeadSecond, 60)),
        _baseline.Mean, _baseline.Variance, _baseline.Samples, FirstSeenSecond, BaselineThroughMinute, Total, Late,
        _detector.IsSurging, _detector.SinceSecond, _detector.Score, _detector.PeakScore);

    public void Restore(BusinessTrafficState state)
    {
        _window.Restore(state.HeadSecond, state.WindowCounts);
        _minutes.Restore(state.LastMinute, state.MinuteCounts);
        _baseline.Restore(state.BaselineMean, state.BaselineVariance, state.BaselineSamples);
        FirstSeenSecond = state.FirstSeenSecond;
        BaselineThroughMinute = state.BaselineThroughMinute;
        Total = state.Total;
        Late = state.Late;
        _detector.Restore(state.Surging, state.SurgeSinceSecond, state.Score, state.PeakScore);
    }

    internal static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
    internal static long CeilDiv(long a, long b) => -FloorDiv(-a, b);
}

/// <summary>A business's traffic state as plain data, for snapshots.</summary>
public sealed record BusinessTrafficState(
    long HeadSecond, int[] WindowCounts, long LastMinute, int[] MinuteCounts,
    double BaselineMean, double BaselineVariance, long BaselineSamples,
    long FirstSeenSecond, long BaselineThroughMinute, long Total, long Late,
    bool Surging, long SurgeSinceSecond, double Score, double PeakScore);
