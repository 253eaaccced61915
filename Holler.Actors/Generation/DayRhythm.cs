using Holler.Domain.Detection;
using NodaTime;

namespace Holler.Generation;

/// <summary>
/// How busy the sites are by time of day and day of week, in the audience's local time (US Central): a cosine over
/// the day peaking at 15:00 (1.4×) with its trough at 03:00 (0.5×), and weekends and US holidays at
/// <see cref="RestDay"/> of a weekday, blended in over the first hours of the day. Smooth everywhere, so no step
/// from one minute to the next looks like a surge or a drop to a detector; periodic at midnight.
/// </summary>
public static class DayRhythm
{
    public const double PeakHour = 15;
    public const double Peak = 1.4;
    public const double Trough = 0.5;

    /// <summary>A weekend day's or holiday's traffic as a share of a weekday's at the same hour.</summary>
    public const double RestDay = 0.75;

    /// <summary>Hours after midnight over which one day's level gives way to the next one's.</summary>
    public const double BlendHours = 6;

    public static DateTimeZone Audience { get; } = DateTimeZoneProviders.Tzdb["America/Chicago"];

    private const double HoursPerDay = 24;

    /// <param name="weekly">Whether weekends and holidays are quieter.</param>
    public static double Factor(long eventTimeMs, bool weekly = true)
    {
        var local = Instant.FromUnixTimeMilliseconds(eventTimeMs).InZone(Audience).LocalDateTime;
        var hour = local.TimeOfDay.TickOfDay / (double)NodaConstants.TicksPerHour;
        var phase = (hour - PeakHour) / HoursPerDay * (2 * Math.PI);
        var daily = (Peak + Trough) / 2 + (Peak - Trough) / 2 * Math.Cos(phase);
        if (!weekly) return daily;
        var today = DayLevel(local.Date);
        var yesterday = DayLevel(local.Date.PlusDays(-1));
        var blend = Math.Min(1, hour / BlendHours);
        blend = blend * blend * (3 - 2 * blend);
        return daily * (yesterday + (today - yesterday) * blend);
    }

    private static double DayLevel(LocalDate date) =>
        date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday || HolidayCalendar.UnitedStates.IsHoliday(date.ToDateOnly())
            ? RestDay
            : 1.0;
}
