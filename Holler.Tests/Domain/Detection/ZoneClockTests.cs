using Holler.Domain.Detection;
using NodaTime;
using NodaTime.TimeZones;

namespace Holler.Tests.Domain.Detection;

public class ZoneClockTests
{
    public static TheoryData<string> Zones() => new("America/Chicago", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC");

    [Theory]
    [MemberData(nameof(Zones))]
    public void Reads_every_minute_of_two_years_as_the_zone_does_across_its_transitions(string id)
    {
        var zone = DateTimeZoneProviders.Tzdb[id];
        var clock = ZoneClock.For(zone);
        var from = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

        // Forwards, then backwards: the remembered interval must be left in either direction.
        for (var second = from; second < from + 2 * 366 * 86_400L; second += 60 + 7)
            Assert.Equal(Instant.FromUnixTimeSeconds(second).InZone(zone).LocalDateTime.ToDateTimeUnspecified(), clock.LocalAt(second));
        for (var second = from + 2 * 366 * 86_400L; second >= from; second -= 3_600 * 5 + 1)
            Assert.Equal(Instant.FromUnixTimeSeconds(second).InZone(zone).LocalDateTime.ToDateTimeUnspecified(), clock.LocalAt(second));
    }

    [Fact]
    public void The_seconds_either_side_of_a_transition_read_their_own_offsets()
    {
        var chicago = ZoneClock.For(DateTimeZoneProviders.Tzdb["America/Chicago"]);
        var springForward = new DateTimeOffset(2026, 3, 8, 8, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(); // 02:00 CST → 03:00 CDT

        Assert.Equal(new DateTime(2026, 3, 8, 1, 59, 59), chicago.LocalAt(springForward - 1));
        Assert.Equal(new DateTime(2026, 3, 8, 3, 0, 0), chicago.LocalAt(springForward));
        Assert.Equal(new DateTime(2026, 3, 8, 1, 59, 59), chicago.LocalAt(springForward - 1));
    }

    [Fact]
    public void A_zone_from_the_system_reads_sub_second_instants_as_TimeZoneInfo_does()
    {
        var system = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var clock = new ZoneClock(BclDateTimeZone.FromTimeZoneInfo(system));
        var start = new DateTimeOffset(2026, 3, 8, 6, 59, 0, TimeSpan.Zero);

        for (var t = start; t < start.AddHours(2); t = t.AddMilliseconds(12_345))
            Assert.Equal(TimeZoneInfo.ConvertTime(t, system).DateTime, clock.LocalAt(t));
    }

    [Fact]
    public void One_clock_per_zone() =>
        Assert.Same(ZoneClock.For(DateTimeZoneProviders.Tzdb["Europe/Paris"]), ZoneClock.For(DateTimeZoneProviders.Tzdb["Europe/Paris"]));
}
