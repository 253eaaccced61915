namespace Holler.Domain.Surges;

/// <summary>The arithmetic of "how unusual is this count", shared by the online trackers and <c>holler detect</c>.</summary>
public static class SurgeScore
{
    /// <summary>
    /// Standard deviations of <paramref name="current"/> above <paramref name="mean"/>. The variance is floored at the
    /// mean (a Poisson count cannot be steadier than that) and at 1, so a business whose history is perfectly
    /// flat or tiny does not alarm on noise.
    /// </summary>
    public static double Z(double current, double mean, double variance) =>
        (current - mean) / StandardDeviation(mean, variance);

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
