using Holler.Domain.Alerts;

namespace Holler.Tests.Domain.Alerts;

public sealed class RetryScheduleTests
{
    private static readonly RetrySchedule Schedule = new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1));

    [Fact]
    public void The_ceiling_doubles_per_failure_up_to_the_maximum()
    {
        Assert.Equal(
            [2, 4, 8, 16, 32, 60, 60],
            Enumerable.Range(1, 7).Select(f => Schedule.Ceiling(f).TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(1), Schedule.Ceiling(1_000));
    }

    [Fact]
    public void Full_jitter_draws_anywhere_between_zero_and_the_ceiling()
    {
        Assert.Equal(TimeSpan.Zero, Schedule.Delay(3, 0));
        Assert.Equal(TimeSpan.FromSeconds(4), Schedule.Delay(3, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(8), Schedule.Delay(3, 1));
    }

    [Fact]
    public void A_maximum_below_the_first_wait_is_refused() =>
        Assert.Single(new RetrySchedule(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)).Validate());
}
