using Holler.Domain.Detection;

namespace Holler.Tests.Domain.Detection;

public class SeasonPointTests
{
    [Fact]
    public void A_weekday_half_past_noon_sits_on_the_noon_slot()
    {
        var point = SeasonPoint.At(new DateTime(2026, 12, 8, 12, 30, 0), SeasonMode.Weekly, HolidayCalendar.None); // a Tuesday
        Assert.Equal((12, 13, 0.0, SeasonPoint.DayTable + 2), (point.Low, point.High, point.HighWeight, point.Day));
    }

    [Fact]
    public void Midnight_lies_halfway_between_the_last_and_the_first_hour()
    {
        var point = SeasonPoint.At(new DateTime(2026, 12, 8, 0, 0, 0), SeasonMode.Daily, HolidayCalendar.None);
        Assert.Equal((23, 0, 0.5, -1), (point.Low, point.High, point.HighWeight, point.Day));
    }

    [Fact]
    public void Weekends_and_holidays_use_the_weekend_shape_and_holidays_the_Sunday_level()
    {
        var saturday = SeasonPoint.At(new DateTime(2026, 12, 12, 9, 30, 0), SeasonMode.Weekly, HolidayCalendar.UnitedStates);
        Assert.Equal((SeasonPoint.WeekendTable + 9, SeasonPoint.DayTable + 6), (saturday.Low, saturday.Day));

        var thanksgiving = SeasonPoint.At(new DateTime(2026, 11, 26, 9, 30, 0), SeasonMode.Weekly, HolidayCalendar.UnitedStates);
        Assert.Equal((SeasonPoint.WeekendTable + 9, SeasonPoint.DayTable + 0), (thanksgiving.Low, thanksgiving.Day));

        var ordinaryThursday = SeasonPoint.At(new DateTime(2026, 11, 26, 9, 30, 0), SeasonMode.Weekly, HolidayCalendar.None);
        Assert.Equal((9, SeasonPoint.DayTable + 4), (ordinaryThursday.Low, ordinaryThursday.Day));
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
