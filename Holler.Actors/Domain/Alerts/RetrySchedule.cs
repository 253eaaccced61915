namespace Holler.Domain.Alerts;

/// <summary>When to try a failed send again: exponential back-off with full jitter (a uniform draw between zero and
/// the exponential ceiling), so many alerts failing against one receiver together do not retry in lock-step.</summary>
/// <param name="First">The ceiling of the first retry's wait.</param>
/// <param name="Max">The ceiling never grows beyond this, so a receiver that returns is found within it.</param>
public sealed record RetrySchedule(TimeSpan First, TimeSpan Max)
{
    public static readonly RetrySchedule Default = new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10));

    /// <summary>The exponential ceiling after <paramref name="failures"/> failed attempts (1 for the first failure).</summary>
    public TimeSpan Ceiling(int failures)
    {
        if (failures < 1) return TimeSpan.Zero;
        // 2^30 × First overflows nothing and is far beyond any sensible Max.
        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(Max.Ticks, First.Ticks * factor));
    }

    /// <summary>The wait before the next attempt; <paramref name="uniform"/> is a draw in [0, 1).</summary>
    public TimeSpan Delay(int failures, double uniform) =>
        TimeSpan.FromTicks((long)(Ceiling(failures).Ticks * Math.Clamp(uniform, 0, 1)));

    public IEnumerable<string> Validate()
    {
        if (First <= TimeSpan.Zero) yield return "Alerts:RetryFirst must be above zero";
        if (Max < First) yield return $"Alerts:RetryMax ({Max}) must be at least Alerts:RetryFirst ({First})";
    }
}
