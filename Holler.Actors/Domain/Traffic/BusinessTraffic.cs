using Holler.Domain.Surges;

namespace Holler.Domain.Traffic;

/// <summary>
/// Everything Holler knows about one business's traffic: the rolling window, per-minute history, the learned
/// baseline and the surge state. Pure and single-threaded; the tracker actor is a thin shell around it.
/// </summary>
public sealed class BusinessTraffic
{
    private readonly BaselineSettings _baselineSettings;
    private readonly DetectorSettings _detectorSettings;

    public BusinessTraffic(BaselineSettings baseline, DetectorSettings detector)
    {
        _baselineSettings = baseline;
        _detectorSettings = detector;
        Baseline = new ExponentialStats(baseline.HalfLifeMinutes);
        Detector = new SurgeDetector(detector);
    }

    public RollingWindow Window { get; } = new();
    public MinuteHistory Minutes { get; } = new();

    /// <summary>Per-minute counts' EW mean and variance: what this business normally gets in 60 seconds.</summary>
    public ExponentialStats Baseline { get; }
    public SurgeDetector Detector { get; }

    public long FirstSeenSecond { get; private set; } = long.MinValue;

    /// <summary>Last minute whose final count has gone into the baseline.</summary>
    public long BaselineThroughMinute { get; private set; } = long.MinValue;

    /// <summary>Every event recorded, late ones included: this is what must equal what was produced.</summary>
    public long Total { get; private set; }

    /// <summary>Events older than the window when they arrived: counted, not applied.</summary>
    public long Late { get; private set; }

    public bool IsWarm => Baseline.Samples > 0;

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
        if (!Window.Add(second, count))
        {
            Late += count;
            return false;
        }
        Minutes.Add(FloorDiv(second, 60), count);
        return true;
    }

    /// <summary>Moves the window's head forward (a newer event, or processing time passing for a quiet business),
    /// finishing baseline minutes on the way.</summary>
    public void AdvanceTo(long second)
    {
        if (FirstSeenSecond == long.MinValue || (!Window.IsEmpty && second <= Window.HeadSecond)) return;
        LearnBaselineUpTo(second);
        Window.AdvanceTo(second);
    }

    /// <summary>Re-scores the window against the baseline at the current head.</summary>
    public SurgeTransition Evaluate() =>
        Window.IsEmpty
            ? SurgeTransition.None
            : Detector.Evaluate(Window.Sum, Baseline.Mean, Baseline.Variance, IsWarm, Window.HeadSecond);

    public double Ratio => SurgeScore.Ratio(Window.Sum, Baseline.Mean);

    private void LearnBaselineUpTo(long newHead)
    {
        var warmAt = FirstSeenSecond + _baselineSettings.WarmupSeconds;
        if (!IsWarm)
        {
            if (newHead < warmAt) return;
            // The last full window of warm-up ends at warmAt - 1 (ending at warmAt would drop the first-seen second).
            // The head is before warmAt, so the window still holds all of that window that has happened.
            Baseline.Initialize(Window.SumEndingAt(warmAt - 1));
            // Minutes final before warm-up ended, and the partial minute the business was first seen in, are not learned.
            BaselineThroughMinute = Math.Max(FloorDiv(warmAt - FinalAfter, 60), CeilDiv(FirstSeenSecond, 60) - 1);
        }
        var lastFinal = FloorDiv(newHead - FinalAfter, 60);
        var next = BaselineThroughMinute + 1;
        // After a day of silence the baseline has decayed to nothing either way; bound the work of a long gap.
        if (lastFinal - next > MaxMinutesPerStep) next = lastFinal - MaxMinutesPerStep;
        for (var minute = next; minute <= lastFinal; minute++)
            Baseline.Add(SurgeScore.Learnable(Minutes.CountAt(minute), Baseline.Mean, Baseline.Variance, _detectorSettings.EnterScore));
        if (lastFinal > BaselineThroughMinute) BaselineThroughMinute = lastFinal;
    }

    /// <summary>A minute's count is final once all its seconds have left the window (head ≥ its start + 119 s),
    /// because until then late events may still add to it.</summary>
    private const long FinalAfter = 60 + RollingWindow.Seconds - 1;

    private const long MaxMinutesPerStep = 24 * 60;

    public BusinessTrafficState ToState() => new(
        Window.HeadSecond, Window.ToArray(), Window.IsEmpty ? long.MinValue : FloorDiv(Window.HeadSecond, 60),
        Window.IsEmpty ? [] : Minutes.ToArray(FloorDiv(Window.HeadSecond, 60)),
        Baseline.Mean, Baseline.Variance, Baseline.Samples, FirstSeenSecond, BaselineThroughMinute, Total, Late,
        Detector.IsSurging, Detector.SinceSecond, Detector.Score, Detector.PeakScore);

    public void Restore(BusinessTrafficState state)
    {
        Window.Restore(state.HeadSecond, state.WindowCounts);
        Minutes.Restore(state.LastMinute, state.MinuteCounts);
        Baseline.Restore(state.BaselineMean, state.BaselineVariance, state.BaselineSamples);
        FirstSeenSecond = state.FirstSeenSecond;
        BaselineThroughMinute = state.BaselineThroughMinute;
        Total = state.Total;
        Late = state.Late;
        Detector.Restore(state.Surging, state.SurgeSinceSecond, state.Score, state.PeakScore);
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
