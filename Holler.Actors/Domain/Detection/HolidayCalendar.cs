namespace Holler.Domain.Detection;

/// <summary>Days whose traffic looks like a Sunday's whatever weekday they fall on.</summary>
public abstract class HolidayCalendar
{
    public abstract bool IsHoliday(DateOnly date);

    public static HolidayCalendar None { get; } = new NoHolidays();

    /// <summary>The US holidays on which most businesses keep Sunday hours: New Year's Day, Memorial Day, Independence
    /// Day, Labor Day, Thanksgiving and Christmas. Fixed-date ones are not moved to a weekday when they fall on a
    /// weekend: that day is a weekend day anyway.</summary>
    public static HolidayCalendar UnitedStates { get; } = new UnitedStatesHolidays();

    public static bool TryParse(string text, out HolidayCalendar calendar)
    {
        calendar = text.Trim().ToLowerInvariant() switch
        {
            "none" => None,
            "us" => UnitedStates,
            _ => null!,
        };
        return calendar is not null;
    }

    private sealed class NoHolidays : HolidayCalendar
    {
        public override bool IsHoliday(DateOnly date) => false;
        public override string ToString() => "none";
    }

    private sealed class UnitedStatesHolidays : HolidayCalendar
    {
        public override bool IsHoliday(DateOnly date) => (date.Month, date.Day) switch
        {
            (1, 1) or (7, 4) or (12, 25) => true,
            (5, >= 25) => date.DayOfWeek == DayOfWeek.Monday,                    // last Monday of May
            (9, <= 7) => date.DayOfWeek == DayOfWeek.Monday,                     // first Monday of September
            (11, >= 22 and <= 28) => date.DayOfWeek == DayOfWeek.Thursday,       // fourth Thursday of November
            _ => false,
        };

        public override string ToString() => "us";
    }
}
