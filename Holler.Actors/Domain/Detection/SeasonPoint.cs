namespace Holler.Domain.Detection;

/// <summary>
/// Where a moment falls in a <see cref="SeasonalProfile"/>: the two hour-of-day slots around it, and the two
/// hour-of-week slots around it. The profile is linear between hour centres, so a smooth rhythm has no steps on the
/// hour for a busy business to alarm on, and the week's slots run on across midnight into the next day.
/// </summary>
/// <param name="Low">Hour-of-day slot of the hour centre at or before the moment.</param>
/// <param name="High">Hour-of-day slot of the hour centre after it.</param>
/// <param name="HighWeight">How far the moment is from <paramref name="Low"/> towards <paramref name="High"/>, 0–1.</param>
/// <param name="WeekLow">Hour-of-week slot of the hour centre at or before the moment, or −1 without a weekly rhythm.</param>
/// <param name="WeekHigh">Hour-of-week slot of the hour centre after it.</param>
public readonly record struct SeasonPoint(int Low, int High, double HighWeight, int WeekLow, int WeekHigh)
{
    public const int Hours = 24;
    public const int WeekTable = Hours;
    public const int HoursPerWeek = 7 * Hours;
    public const int Slots = WeekTable + HoursPerWeek;

    /// <summary>A point that touches nothing: for <see cref="SeasonMode.None"/>.</summary>
    public static SeasonPoint Nowhere { get; } = new(-1, -1, 0, -1, -1);

    public bool IsNowhere => Low < 0;

    public bool HasWeek => WeekLow >= 0;

    /// <param name="local">The moment as a wall clock in the series' or business's own time zone.</param>
    public static SeasonPoint At(DateTime local, SeasonMode mode, HolidayCalendar holidays)
    {
        if (mode == SeasonMode.None) return Nowhere;
        var position = local.TimeOfDay.TotalHours - 0.5;
        var hour = (int)Math.Floor(position);
        var weight = position - hour;
        var low = hour < 0 ? hour + Hours : hour;
        var high = hour + 1 >= Hours ? hour + 1 - Hours : hour + 1;
        if (mode == SeasonMode.Daily) return new SeasonPoint(low, high, weight, -1, -1);

        // Hour of the week counted from Sunday 00:00; a holiday is a Sunday. The slot before the first centre of a day
        // is the previous day's last, which may be a holiday or not: each day is looked up for itself.
        var date = DateOnly.FromDateTime(local);
        var weekLow = hour < 0 ? WeekHour(date.AddDays(-1), Hours - 1, holidays) : WeekHour(date, hour, holidays);
        var weekHigh = hour + 1 >= Hours ? WeekHour(date.AddDays(1), 0, holidays) : WeekHour(date, hour + 1, holidays);
        return new SeasonPoint(low, high, weight, WeekTable + weekLow, WeekTable + weekHigh);
    }

    private static int WeekHour(DateOnly date, int hour, HolidayCalendar holidays) =>
        (holidays.IsHoliday(date) ? 0 : (int)date.DayOfWeek) * Hours + hour;
}
