using Holler.Domain.Detection;

namespace Holler.Domain.Surges;

public enum SurgeTransition { None, Started, Updated, Ended }

/// <summary>The episode state machine of one business: a surge (or, when watched, a drop) starts at a high severity
/// and ends at a low one.</summary>
/// <remarks>A struct, stored inline in its business's state; hold it by reference, never by a copy.</remarks>
public struct SurgeDetector
{
    private readonly DetectorSettings _settings;

    public SurgeDetector(DetectorSettings settings) => _settings = settings;

    /// <summary>An episode is going on: a surge, or a drop when <see cref="IsDrop"/>.</summary>
    public bool IsSurging { get; private set; }

    public bool IsDrop { get; private set; }

    /// <summary>Epoch second the current episode started (event time); meaningful while surging.</summary>
    public long SinceSecond { get; private set; }

    /// <summary>Severity of the current window: on the episode's side during one, else on the watched side(s).</summary>
    public double Score { get; private set; }

    public double PeakScore { get; private set; }

    /// <summary>Evaluates the window's count against its expectation at <paramref name="nowSecond"/>.</summary>
    /// <param name="deviation">The count's deviation from <paramref name="expected"/> in standard units.</param>
    /// <param name="warm">False while the baseline is warming up: nothing can start, a running episode can still end.</param>
    public SurgeTransition Evaluate(long current, double expected, double deviation, bool warm, long nowSecond)
    {
        var previous = Score;
        if (IsSurging)
        {
            Score = warm ? NormalTail.Log10Upper(IsDrop ? -deviation : deviation) : 0;
            if (Score < _settings.ExitSeverity)
            {
                IsSurging = false;
                return SurgeTransition.Ended;
            }
            PeakScore = Math.Max(PeakScore, Score);
            return Score.Equals(previous) ? SurgeTransition.None : SurgeTransition.Updated;
        }

        if (!warm)
        {
            Score = 0;
            return SurgeTransition.None;
        }
        var direction = _settings.Direction;
        var up = direction == DetectionDirection.Drop ? 0 : NormalTail.Log10Upper(deviation);
        var down = direction == DetectionDirection.Surge ? 0 : NormalTail.Log10Upper(-deviation);
        Score = Math.Max(up, down);
        if (up >= _settings.EnterSeverity && current >= _settings.MinCount && current >= _settings.MinRatio * expected)
            return Start(drop: false, nowSecond);
        if (down >= _settings.EnterSeverity && expected >= _settings.MinCount && current * _settings.MinRatio <= expected)
            return Start(drop: true, nowSecond);
        return SurgeTransition.None;
    }

    private SurgeTransition Start(bool drop, long nowSecond)
    {
        IsSurging = true;
        IsDrop = drop;
        SinceSecond = nowSecond;
        PeakScore = Score;
        return SurgeTransition.Started;
    }

    public void Restore(bool surging, long sinceSecond, double score, double peak, bool drop = false)
    {
        IsSurging = surging;
        IsDrop = drop;
        SinceSecond = sinceSecond;
        Score = score;
        PeakScore = peak;
    }
}
