namespace Holler.Domain.Surges;

public enum SurgeTransition { None, Started, Updated, Ended }

/// <summary>The surge state machine of one business: enter at a high score, leave at a low one.</summary>
/// <remarks>A struct, stored inline in its business's state; hold it by reference, never by a copy.</remarks>
public struct SurgeDetector
{
    private readonly DetectorSettings _settings;

    public SurgeDetector(DetectorSettings settings) => _settings = settings;

    public bool IsSurging { get; private set; }

    /// <summary>Epoch second the current surge started (event time); meaningful while surging.</summary>
    public long SinceSecond { get; private set; }

    public double Score { get; private set; }
    public double PeakScore { get; private set; }

    /// <summary>Evaluates the window count against the baseline at <paramref name="nowSecond"/>.</summary>
    /// <param name="warm">False while the baseline is warming up: nothing can start, a running surge can still end.</param>
    public SurgeTransition Evaluate(long current, double mean, double variance, bool warm, long nowSecond)
    {
        var previous = Score;
        Score = warm ? SurgeScore.Z(current, mean, variance) : 0;
        if (!IsSurging)
        {
            if (!warm || Score < _settings.EnterScore || current < _settings.MinCount || current < _settings.MinRatio * mean)
                return SurgeTransition.None;
            IsSurging = true;
            SinceSecond = nowSecond;
            PeakScore = Score;
            return SurgeTransition.Started;
        }
        if (Score < _settings.ExitScore)
        {
            IsSurging = false;
            return SurgeTransition.Ended;
        }
        PeakScore = Math.Max(PeakScore, Score);
        return Score.Equals(previous) ? SurgeTransition.None : SurgeTransition.Updated;
    }

    public void Restore(bool surging, long sinceSecond, double score, double peak)
    {
        IsSurging = surging;
        SinceSecond = sinceSecond;
        Score = score;
        PeakScore = peak;
    }
}
