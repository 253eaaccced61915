namespace Holler.Domain.Detection;

/// <summary>How the expectation of a series is learned and how far from it an observation must be to count.</summary>
/// <param name="Kind">Counts or gauges (<see cref="ValueKind"/>).</param>
/// <param name="Season">Which rhythms are learned.</param>
/// <param name="LevelHalfLife">Half-life of the level (the deseasonalised mean): how fast drift is followed.</param>
/// <param name="SpreadHalfLife">Half-life of the noise estimate. Long, so one burst cannot make the series look noisy
/// for hours; what a sample teaches it is limited to <paramref name="LearnLimit"/> deviations as well.</param>
/// <param name="ProfileHalfLifeDays">Half-life of an hour-of-day slot, in days of visits; day-of-week slots forget
/// over the same number of their own occurrences.</param>
/// <param name="AdoptShiftAfter">A deviation lasting this long is a new level, not an anomaly: the level jumps to
/// where the series has moved, and alarms on it end.</param>
/// <param name="LearnLimit">Deviations a single sample may teach the level and the spread; beyond this it is learned
/// as if it were exactly this far out. Surges do not teach the baseline.</param>
/// <param name="Threshold">Severity (−log10 of the tail probability) at which a sample is anomalous.</param>
/// <param name="Direction">Which side of the expectation is watched.</param>
/// <param name="Holidays">Days treated as Sundays.</param>
public sealed record ModelSettings(
    ValueKind Kind = ValueKind.Count,
    SeasonMode Season = SeasonMode.Weekly,
    TimeSpan? LevelHalfLife = null,
    TimeSpan? SpreadHalfLife = null,
    double ProfileHalfLifeDays = 14,
    TimeSpan? AdoptShiftAfter = null,
    double LearnLimit = 3,
    double Threshold = ModelSettings.DefaultThreshold,
    DetectionDirection Direction = DetectionDirection.Surge,
    HolidayCalendar? Holidays = null)
{
    /// <summary>The default severity: chosen on the project's generated corpus (docs/detection.md).</summary>
    public const double DefaultThreshold = 7;

    public TimeSpan Level => LevelHalfLife ?? TimeSpan.FromMinutes(30);
    public TimeSpan Spread => SpreadHalfLife ?? TimeSpan.FromDays(1);
    public TimeSpan AdoptAfter => AdoptShiftAfter ?? TimeSpan.FromMinutes(60);
    public HolidayCalendar HolidayCalendar => Holidays ?? HolidayCalendar.None;

    public IEnumerable<string> Validate(string prefix)
    {
        if (Level <= TimeSpan.Zero) yield return $"{prefix}:LevelHalfLife must be greater than zero, was {Level}";
        if (Spread <= TimeSpan.Zero) yield return $"{prefix}:SpreadHalfLife must be greater than zero, was {Spread}";
        if (!(ProfileHalfLifeDays > 0) || ProfileHalfLifeDays > 3650)
            yield return $"{prefix}:ProfileHalfLifeDays must be between 0 and 3650, was {ProfileHalfLifeDays}";
        if (AdoptAfter <= TimeSpan.Zero) yield return $"{prefix}:AdoptShiftAfter must be greater than zero, was {AdoptAfter}";
        if (!(LearnLimit >= 1) || LearnLimit > 100) yield return $"{prefix}:LearnLimit must be between 1 and 100, was {LearnLimit}";
        if (!(Threshold > 0) || Threshold > 10000) yield return $"{prefix}:Threshold must be between 0 and 10000, was {Threshold}";
    }
}
