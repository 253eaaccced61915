using Holler.Domain.Detection;

namespace Holler.Domain.Replay;

/// <summary>How <c>holler detect</c> scores a series with the seasonal detector.</summary>
/// <param name="Model">The live detector's settings; its <see cref="ModelSettings.Kind"/> and
/// <see cref="ModelSettings.Season"/> are replaced by what <paramref name="Kind"/> and <paramref name="Season"/> resolve to.</param>
/// <param name="Kind">Counts or gauges; null decides from the first rows (non-negative whole numbers are counts).</param>
/// <param name="Season">Rhythms to learn; null learns the weekly ones for any series sampled more often than weekly.</param>
/// <param name="Warmup">Time from the first row during which rows score 0 while the model learns (at least 5 rows).</param>
/// <param name="TimeZone">Where the series' rhythm lives; null reads each timestamp's wall clock as written.</param>
public sealed record DetectOptions(
    ModelSettings Model,
    ValueKind? Kind = null,
    SeasonMode? Season = null,
    TimeSpan? Warmup = null,
    TimeZoneInfo? TimeZone = null)
{
    public DetectOptions() : this(new ModelSettings()) { }

    public static DetectOptions Default { get; } = new();

    public const int MinWarmupRows = 5;

    public TimeSpan WarmupTime => Warmup ?? TimeSpan.FromHours(1);

    public IEnumerable<string> Validate(string prefix = "detect")
    {
        foreach (var problem in Model.Validate(prefix)) yield return problem;
        if (WarmupTime < TimeSpan.Zero) yield return $"{prefix}:Warmup must not be negative, was {WarmupTime}";
    }
}
