namespace Holler.Domain.Traffic;

/// <summary>How a business's normal traffic is learned.</summary>
/// <param name="HalfLifeMinutes">Half-life of the per-minute exponentially weighted mean and variance.</param>
/// <param name="WarmupSeconds">Seconds a business must be observed before its baseline exists and it can alarm (at least 60:
/// the first baseline is the first full 60-second window).</param>
public sealed record BaselineSettings(double HalfLifeMinutes = 30, int WarmupSeconds = 60)
{
    public static BaselineSettings Default { get; } = new();

    /// <summary>Problems as "setting: message" lines, empty when valid.</summary>
    public IEnumerable<string> Validate(string prefix = "Baseline")
    {
        if (!(HalfLifeMinutes > 0) || HalfLifeMinutes > 7 * 24 * 60)
            yield return $"{prefix}:HalfLifeMinutes must be between 0 and 10080 (one week), was {HalfLifeMinutes}";
        if (WarmupSeconds < RollingWindow.Seconds || WarmupSeconds > 24 * 3600)
            yield return $"{prefix}:WarmupSeconds must be between {RollingWindow.Seconds} and 86400, was {WarmupSeconds}";
    }
}
