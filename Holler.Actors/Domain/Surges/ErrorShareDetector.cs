using Holler.Domain.Detection;

namespace Holler.Domain.Surges;

/// <summary>
/// The error-surge state machine of one business: its 5xx share over the last 60 s, scored against its own
/// share over the last hour or so. The score is a severity on the traffic detector's scale (−log10 of how likely so
/// many errors would be at the usual share), so one threshold (<see cref="DetectorSettings.EnterSeverity"/>, with its
/// hysteresis) serves both; see docs/dimensions.md#error-surges.
/// </summary>
/// <remarks>A struct, stored inline in its business's dimension state; hold it by reference, never by a copy.</remarks>
public struct ErrorShareDetector
{
    /// <summary>A prior of this many responses at <see cref="PriorShare"/>, added to the usual counts: a business that
    /// has never failed is not certain never to, and one 5xx after a quiet hour is not a surge.</summary>
    public const double PriorResponses = 50;

    public const double PriorShare = 0.01;

    public bool IsSurging { get; private set; }

    /// <summary>Epoch second the current error surge started (event time); meaningful while surging.</summary>
    public long SinceSecond { get; private set; }

    public double Score { get; private set; }

    /// <summary>
    /// −log10 of the Chernoff bound on P(X ≥ <paramref name="errorsNow"/>) for X ~ Binomial(<paramref name="knownNow"/>,
    /// p), with p the usual share smoothed by the prior: <c>n · KL(q ‖ p) / ln 10</c>, q the share now. The bound is
    /// never below the true tail, so the severity errs low (by about log10 √(2πn q(1−q))) rather than high; it is 0 at
    /// or below the usual share, strictly increasing in the errors above it, and finite for any finite evidence.
    /// </summary>
    public static double Severity(double errorsNow, double knownNow, double errorsUsually, double knownUsually)
    {
        if (!(knownNow > 0) || !(errorsNow > 0)) return 0;
        var p = (Math.Max(0, errorsUsually) + PriorResponses * PriorShare) / (Math.Max(0, knownUsually) + PriorResponses);
        var q = Math.Min(1, errorsNow / knownNow);
        if (q <= p) return 0;
        var divergence = q * Math.Log(q / p) + (q < 1 ? (1 - q) * Math.Log((1 - q) / (1 - p)) : 0);
        return knownNow * divergence / Math.Log(10);
    }

    /// <summary>Scores the shares now; starts an error surge at <see cref="DetectorSettings.EnterSeverity"/> when the
    /// share and the responses behind it are large enough, ends it below <see cref="DetectorSettings.ExitSeverity"/> or
    /// when the share falls under half its minimum.</summary>
    public SurgeTransition Evaluate(double errorsNow, double knownNow, double errorsUsually, double knownUsually,
        long nowSecond, DetectorSettings detector, double minShare, double minResponses)
    {
        var previous = Score;
        Score = Severity(errorsNow, knownNow, errorsUsually, knownUsually);
        var share = knownNow > 0 ? errorsNow / knownNow : 0;
        if (IsSurging)
        {
            if (Score < detector.ExitSeverity || share < minShare / 2)
            {
                IsSurging = false;
                return SurgeTransition.Ended;
            }
            return Score.Equals(previous) ? SurgeTransition.None : SurgeTransition.Updated;
        }
        if (Score < detector.EnterSeverity || share < minShare || knownNow < minResponses) return SurgeTransition.None;
        IsSurging = true;
        SinceSecond = nowSecond;
        return SurgeTransition.Started;
    }
}
