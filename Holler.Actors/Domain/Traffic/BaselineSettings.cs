using Holler.Domain.Detection;
using Holler.Domain.Surges;

namespace Holler.Domain.Traffic;

/// <summary>How a business's normal traffic is learned.</summary>
/// <param name="HalfLifeMinutes">Half-life of the level: how fast a business's expectation follows drift.</param>
/// <param name="WarmupSeconds">Seconds a business must be observed before its baseline exists and it can alarm (at least 60:
/// the first baseline is the first full 60-second window).</param>
/// <param name="AdoptShiftAfterMinutes">A surge or drop lasting this long is a new level: the expectation moves to it.</param>
/// <param name="ProfileHalfLifeDays">Half-life of the learned daily and weekly rhythm.</param>
/// <param name="Holidays">Days that keep Sunday's rhythm: <c>us</c> or <c>none</c>.</param>
public sealed record BaselineSettings(
    double HalfLifeMinutes = 30,
    int WarmupSeconds = 60,
    double AdoptShiftAfterMinutes = 60,
    double ProfileHalfLifeDays = 14,
    string Holidays = "us")
{
    public static BaselineSettings Default { get; } = new();

    /// <summary>Problems as "setting: message" lines, empty when valid.</summary>
    public IEnumerable<string> Validate(string prefix = "Baseline")
    {
        if (!(HalfLifeMinutes > 0) || HalfLifeMinutes > 7 * 24 * 60)
            yield return $"{prefix}:HalfLifeMinutes must be between 0 and 10080 (one week), was {HalfLifeMinutes}";
        if (WarmupSeconds < RollingWindow.Seconds || WarmupSeconds > 24 * 3600)
            yield return $"{prefix}:WarmupSeconds must be between {RollingWindow.Seconds} and 86400, was {WarmupSeconds}";
        if (!(AdoptShiftAfterMinutes >= 2) || AdoptShiftAfterMinutes > 7 * 24 * 60)
            yield return $"{prefix}:AdoptShiftAfterMinutes must be between 2 and 10080 (one week), was {AdoptShiftAfterMinutes}";
        if (!(ProfileHalfLifeDays > 0) || ProfileHalfLifeDays > 3650)
            yield return $"{prefix}:ProfileHalfLifeDays must be between 0 and 3650, was {ProfileHalfLifeDays}";
        if (!HolidayCalendar.TryParse(Holidays, out _))
            yield return $"{prefix}:Holidays must be us or none, was '{Holidays}'";
    }

    /// <summary>The model a live business learns with: counts, weekly rhythm, one sample a minute.</summary>
    public ModelSettings ToModel(DetectorSettings detector)
    {
        HolidayCalendar.TryParse(Holidays, out var calendar);
        return new ModelSettings(ValueKind.Count, SeasonMode.Weekly, TimeSpan.FromMinutes(HalfLifeMinutes),
            ProfileHalfLifeDays: ProfileHalfLifeDays, AdoptShiftAfter: TimeSpan.FromMinutes(AdoptShiftAfterMinutes),
            Threshold: detector.EnterSeverity, Direction: detector.Direction, Holidays: calendar ?? HolidayCalendar.UnitedStates);
    }
}
