using Holler.Domain.Surges;

namespace Holler.Tests.Domain;

public class SurgeScoreTests
{
    // The Anscombe reading, written out independently of SurgeScore so a slip in either shows.
    private static double Anscombe(double current, double mean) => 2 * (Math.Sqrt(current + 0.375) - Math.Sqrt(mean + 0.375));

    [Fact]
    public void A_poisson_rise_is_read_on_the_anscombe_scale() =>
        // 2(√36 − √16) = 4, where the plain z-score says 20 / √15.625 ≈ 5.06.
        Assert.Equal(4, SurgeScore.Z(current: 35.625, mean: 15.625, variance: 15.625), 12);

    [Fact]
    public void The_anscombe_reading_is_used_when_it_is_nearer_zero()
    {
        // Plain: (140 - 100) / 10 = 4. Anscombe: 2(√140.375 − √100.375) ≈ 3.66.
        var z = SurgeScore.Z(current: 140, mean: 100, variance: 100);

        Assert.Equal(Anscombe(140, 100), z, 12);
        Assert.InRange(z, 3.65, 3.67);
    }

    [Fact]
    public void The_plain_reading_is_used_when_it_is_nearer_zero() =>
        // An overdispersed business (sd 30): plain (130 - 100) / 30 = 1, where the Anscombe reading says ≈ 2.8.
        Assert.Equal(1, SurgeScore.Z(current: 130, mean: 100, variance: 900), 12);

    [Fact]
    public void A_variance_below_the_mean_is_floored_at_the_poisson_variance()
    {
        // A flat history (variance ~0) would make any wiggle huge; Poisson says sd is at least sqrt(mean).
        // A drop of 20 is then -20 / 10 = -2 (the Anscombe reading, ≈ -2.11, is further from zero; unfloored, -632).
        Assert.Equal(-2, SurgeScore.Z(current: 80, mean: 100, variance: 0.001), 12);
        // A rise against a flat history is at most the Anscombe reading.
        Assert.Equal(Anscombe(120, 100), SurgeScore.Z(current: 120, mean: 100, variance: 0.001), 12);
    }

    [Fact]
    public void A_tiny_mean_is_floored_at_one()
    {
        // sd is floored at 1, not at √0.5: -0.5 / 1 = -0.5 (the Anscombe reading, ≈ -0.65, and -0.5 / √0.5 are further out).
        Assert.Equal(-0.5, SurgeScore.Z(current: 0, mean: 0.5, variance: 0), 12);
        // An empty history and an empty window: no deviation, not 0 / 0.
        Assert.Equal(0, SurgeScore.Z(current: 0, mean: 0, variance: 0));
        // A rise from nothing: plain 3 / 1 = 3, Anscombe 2(√3.375 − √0.375) ≈ 2.45.
        Assert.Equal(Anscombe(3, 0), SurgeScore.Z(current: 3, mean: 0, variance: 0), 12);
    }

    [Fact]
    public void Below_the_mean_is_negative_and_the_cautious_reading_still_wins()
    {
        // Plain: -50 / 10 = -5. Anscombe: 2(√50.375 − √100.375) ≈ -5.84, further from zero.
        Assert.Equal(-5, SurgeScore.Z(50, 100, 100), 12);
        // Just below the mean the Anscombe reading is the nearer one, and negative too.
        var z = SurgeScore.Z(99.9, 100, 100);
        Assert.Equal(Anscombe(99.9, 100), z, 12);
        Assert.True(z < 0);
    }

    [Fact]
    public void Values_that_cannot_be_counts_have_only_the_plain_reading()
    {
        // Replayed series may be negative. Clamped at 0 for the square roots, these would all read as no change.
        Assert.Equal(30, SurgeScore.Z(current: -20, mean: -50, variance: 0), 12);
        Assert.Equal(-1, SurgeScore.Z(current: -60, mean: -50, variance: 100), 12);
        Assert.Equal(90, SurgeScore.Z(current: 40, mean: -50, variance: 0), 12);
    }

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
