namespace Holler.Domain.Detection;

/// <summary>
/// Where a moment falls in a <see cref="SeasonalProfile"/>: the two hour slots around it (the profile is linear
/// between hour centres, so a smooth daily rhythm has no steps on the hour for a busy business to alarm on) and its
/// day of the week.
/// </summary>
/// <param name="Low">Slot of the hour centre at or before the moment.</param>
/// <param name="High">Slot of the hour centre after it.</param>
/// <param name="HighWeight">How far the moment is from <paramref name="Low"/> towards <paramref name="High"/>, 0–1.</param>
/// <param name="Day">Slot of the day-of-week level, or −1 when the profile has none.</param>
public readonly record struct SeasonPoint(int Low, int High, double HighWeight, int Day)
{
    public const int Hours = 24;
    public const int WeekendTable = Hours;
    public const int DayTable = 2 * Hours;
    public const int Slots = DayTable + 7;

    /// <summary>A point that touches nothing: for <see cref="SeasonMode.None"/>.</summary>
    public static SeasonPoint Nowhere { get; } = new(-1, -1, 0, -1);

    public bool IsNowhere => Low < 0;

    /// <param name="local">The moment as a wall clock in the series' or business's own time zone.</param>
    public static SeasonPoint At(DateTime local, SeasonMode mode, HolidayCalendar holidays)
    {
        if (mode == SeasonMode.None) return Nowhere;
        var position = local.TimeOfDay.TotalHours - 0.5;
        var low = (int)Math.Floor(position);
        var weight = position - low;
        var high = low + 1;
        if (low < 0) low += Hours;
        if (high >= Hours) high -= Hours;
        if (mode == SeasonMode.Daily) return new SeasonPoint(low, high, weight, -1);

        var day = local.DayOfWeek;
        var restDay = day is DayOfWeek.Saturday or DayOfWeek.Sunday || holidays.IsHoliday(DateOnly.FromDateTime(local));
        if (restDay && day is not DayOfWeek.Saturday) day = DayOfWeek.Sunday;
        var table = restDay ? WeekendTable : 0;
        return new SeasonPoint(table + low, table + high, weight, DayTable + (int)day);
    }
}
