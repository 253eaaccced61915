namespace Holler.Domain.Surges;

/// <summary>The arithmetic of "how unusual is this count", shared by the online trackers and <c>holler detect</c>.</summary>
public static class SurgeScore
{
    /// <summary>
    /// Standard deviations of <paramref name="current"/> above <paramref name="mean"/>. The variance is floored at the
    /// mean (a Poisson count cannot be steadier than that) and at 1, so a business whose history is perfectly
    /// flat or tiny does not alarm on noise.
    /// </summary>
    public static double Z(double current, double mean, double variance)
    {
        var floored = Math.Max(Math.Max(variance, mean), 1.0);
        return (current - mean) / Math.Sqrt(floored);
    }

    /// <summary>Current count as a multiple of the baseline; a baseline below one event counts as one.</summary>
    public static double Ratio(double current, double mean) => current / Math.Max(mean, 1.0);
}
