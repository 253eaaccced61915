using Holler.Domain.Surges;

namespace Holler.Tests.Domain;

public class SurgeScoreTests
{
    [Fact]
    public void Z_is_standard_deviations_above_the_mean() =>
        Assert.Equal(4, SurgeScore.Z(current: 140, mean: 100, variance: 100), 12);

    [Fact]
    public void A_variance_below_the_mean_is_floored_at_the_poisson_variance() =>
        // A flat history (variance ~0) would make any wiggle infinite; Poisson says sd is at least sqrt(mean).
        Assert.Equal(2, SurgeScore.Z(current: 120, mean: 100, variance: 0.001), 12);

    [Fact]
    public void A_tiny_mean_is_floored_at_one() =>
        Assert.Equal(3, SurgeScore.Z(current: 3, mean: 0, variance: 0), 12);

    [Fact]
    public void A_variance_above_the_mean_is_used_as_is() =>
        Assert.Equal(1, SurgeScore.Z(current: 130, mean: 100, variance: 900), 12);

    [Fact]
    public void Below_the_mean_is_negative() =>
        Assert.True(SurgeScore.Z(50, 100, 100) < 0);

    [Theory]
    [InlineData(200, 100, 2)]
    [InlineData(5, 0, 5)]
    [InlineData(5, 0.5, 5)]
    [InlineData(0, 10, 0)]
    public void Ratio_treats_a_baseline_below_one_as_one(double current, double mean, double expected) =>
        Assert.Equal(expected, SurgeScore.Ratio(current, mean), 12);

    [Theory]
    [InlineData(130, 130)] // ordinary values are learned as they are
    [InlineData(10_000, 140)] // mean + 4 sd
    [InlineData(0, 60)] // mean - 4 sd
    public void Learnable_limits_a_value_to_max_score_deviations(double value, double expected) =>
        Assert.Equal(expected, SurgeScore.Learnable(value, mean: 100, variance: 100, maxScore: 4), 12);

    [Fact]
    public void Learnable_uses_the_same_floored_deviation_as_the_score() =>
        // variance 0 is floored at the mean (sd 3), so the limit is 9 + 4 * 3.
        Assert.Equal(21, SurgeScore.Learnable(500, mean: 9, variance: 0, maxScore: 4), 12);
}
