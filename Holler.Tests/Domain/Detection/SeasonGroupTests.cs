using Holler.Domain.Detection;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;

namespace Holler.Tests.Domain.Detection;

public class SeasonGroupTests
{
    private static SeasonGroup NewGroup() => new("shops", BaselineSettings.Default.ToModel(DetectorSettings.Default));

    [Fact]
    public void Counts_a_member_once_while_it_keeps_teaching_and_not_after_a_silent_day()
    {
        var group = NewGroup();
        group.Taught(null, 100);
        group.Taught(null, 100);
        group.Taught(null, 101);
        group.Taught(100, 101);
        Assert.Equal(3, group.Active);
        Assert.Equal(1.0 / 3, group.Share);

        // Hour 125: a day after hour 101, so the three fall out; the one teaching now is the only one counted.
        group.Taught(101, 125);
        Assert.Equal(1, group.Active);
        Assert.Equal(1.0, group.Share);

        // One of the silent ones comes back.
        group.Taught(100, 125);
        Assert.Equal(2, group.Active);
    }

    [Fact]
    public void A_member_within_the_day_stays_counted_when_the_newest_hour_moves_on()
    {
        var group = NewGroup();
        group.Taught(null, 100);
        group.Taught(null, 110);
        group.Taught(110, 123);

        Assert.Equal(2, group.Active); // hour 100 is 23 hours before 123: still within the day
        group.Taught(123, 124);
        Assert.Equal(1, group.Active); // now it is not
    }

    [Fact]
    public void Businesses_that_go_silent_stop_diluting_the_ones_still_teaching()
    {
        var group = NewGroup();
        var busy = new BusinessTraffic(BaselineSettings.Default, DetectorSettings.Default, group);
        var silent = new BusinessTraffic(BaselineSettings.Default, DetectorSettings.Default, group);
        group.Join();
        group.Join();
        const long start = 1_770_000_000;

        for (var second = start; second < start + 600; second++)
        {
            busy.Record(second, 1);
            if (second < start + 300) silent.Record(second, 1);
        }
        Assert.Equal(2, group.Active);

        // Two days on, only the busy one has had traffic (and so taught the rhythm).
        for (var second = start + 600; second < start + 2 * 86_400; second += 30) busy.Record(second, 1);

        Assert.Equal(2, group.Members);
        Assert.Equal(1, group.Active);
        Assert.Equal(1.0, group.Share);
    }
}
