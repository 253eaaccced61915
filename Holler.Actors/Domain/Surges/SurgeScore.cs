namespace Holler.Domain.Surges;

/// <summary>The v1 detector's arithmetic of "how unusual is this count", kept for <c>holler evaluate</c>'s v1; the live
/// trackers use only <see cref="Ratio"/> (the seasonal model is in <c>Domain/Detection</c>).</summary>
public static class SurgeScore
{
    /// <summary>
    /// Standard deviations of <paramref name="current"/> above <paramref name="mean"/>, the more cautious of two readings:
    /// <list type="bullet">
    /// <item>the plain z-score with the variance floored at the mean (a Poisson count cannot be steadier than that) and
    /// at 1, which respects a business's own, often larger, variance;</item>
    /// <item>the Anscombe-transformed difference 2(√(x+3/8) − √(μ+3/8)), which is close to standard normal for Poisson
    /// counts. The plain z-score assumes normal tails, but a Poisson count of 9 to 24 has much heavier upper tails:
    /// re-scored every second, steady businesses of that size crossed z ≥ 4 in a third of simulated six-hour runs.
    /// With this reading it is a few percent, not none: a sliding window gets 21,600 tries in six hours (see
    /// BusinessTrafficTests).</item>
    /// </list>
    /// Both have the sign of current − mean; the one nearer zero is used. Negative values (only replayed series have
    /// them) are not counts and have only the plain reading: clamping them at 0 for the square roots would read every
    /// change among them as no change at all.
    /// </summary>
    public static double Z(double current, double mean, double variance)
    {
        var plain = (current - mean) / StandardDeviation(mean, variance);
        if (current < 0 || mean < 0) return plain;
        var anscombe = 2 * (Math.Sqrt(current + 0.375) - Math.Sqrt(mean + 0.375));
        return Math.Abs(anscombe) < Math.Abs(plain) ? anscombe : plain;
    }

    /// <summary>
    /// What a baseline should learn from <paramref name="value"/>: the value, limited to <paramref name="maxScore"/>
    /// floored standard deviations either side of the mean. Learning a surge in full inflates the variance by the
    /// square of its size, so a sustained surge would stop scoring long before the half-life has made it normal, and
    /// a second surge soon after would be masked. Limited, one extreme sample moves the baseline no more than an
    /// ordinary alarm-sized one, and a lasting change is still learned within a few half-lives.
    /// </summary>
    public static double Learnable(double value, double mean, double variance, double maxScore)
    {
        var limit = maxScore * StandardDeviation(mean, variance);
        return Math.Clamp(value, mean - limit, mean + limit);
    }

    /// <summary>Current count as a multiple of the baseline; a baseline below one event counts as one.</summary>
    public static double Ratio(double current, double mean) => current / Math.Max(mean, 1.0);

    private static double StandardDeviation(double mean, double variance) => Math.Sqrt(Math.Max(Math.Max(variance, mean), 1.0));
}
