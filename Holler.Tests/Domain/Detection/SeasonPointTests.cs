using Holler.Domain.Detection;

namespace Holler.Tests.Domain.Detection;

public class SeasonPointTests
{
    private const int Week = SeasonPoint.WeekTable;
    private const int Hours = SeasonPoint.Hours;

    [Fact]
    public void A_weekday_half_past_noon_sits_on_the_noon_slots()
    {
        var point = SeasonPoint.At(new DateTime(2026, 12, 8, 12, 30, 0), SeasonMode.Weekly, HolidayCalendar.None); // a Tuesday
        Assert.Equal((12, 13, 0.0, Week + 2 * Hours + 12, Week + 2 * Hours + 13), (point.Low, point.High, point.HighWeight, point.WeekLow, point.WeekHigh));
    }

    [Fact]
    public void Midnight_lies_halfway_between_the_last_hour_of_one_day_and_the_first_of_the_next()
    {
        var daily = SeasonPoint.At(new DateTime(2026, 12, 8, 0, 0, 0), SeasonMode.Daily, HolidayCalendar.None);
        Assert.Equal((23, 0, 0.5, -1), (daily.Low, daily.High, daily.HighWeight, daily.WeekLow));

        var sunday = SeasonPoint.At(new DateTime(2026, 12, 6, 0, 0, 0), SeasonMode.Weekly, HolidayCalendar.None);
        Assert.Equal((Week + 6 * Hours + 23, Week + 0), (sunday.WeekLow, sunday.WeekHigh)); // Saturday 23:30 to Sunday 00:30
    }

    [Fact]
    public void Holidays_take_the_Sunday_slots_of_the_week()
    {
        var thanksgiving = SeasonPoint.At(new DateTime(2026, 11, 26, 9, 30, 0), SeasonMode.Weekly, HolidayCalendar.UnitedStates);
        Assert.Equal(Week + 9, thanksgiving.WeekLow);

        var ordinaryThursday = SeasonPoint.At(new DateTime(2026, 11, 26, 9, 30, 0), SeasonMode.Weekly, HolidayCalendar.None);
        Assert.Equal(Week + 4 * Hours + 9, ordinaryThursday.WeekLow);

        var dayAfter = SeasonPoint.At(new DateTime(2026, 11, 27, 0, 0, 0), SeasonMode.Weekly, HolidayCalendar.UnitedStates);
        Assert.Equal((Week + 23, Week + 5 * Hours), (dayAfter.WeekLow, dayAfter.WeekHigh)); // from the holiday's last hour
    }

    [Theory]
    [InlineData("2026-01-01", true)]
    [InlineData("2026-05-25", true)]   // last Monday of May
    [InlineData("2026-05-18", false)]
    [InlineData("2026-07-04", true)]
    [InlineData("2026-09-07", true)]   // first Monday of September
    [InlineData("2026-09-14", false)]
    [InlineData("2026-11-26", true)]   // fourth Thursday of November
    [InlineData("2026-11-19", false)]
    [InlineData("2026-12-25", true)]
    [InlineData("2026-12-24", false)]
    public void Knows_the_US_holidays(string date, bool holiday) =>
        Assert.Equal(holiday, HolidayCalendar.UnitedStates.IsHoliday(DateOnly.Parse(date)));
}
