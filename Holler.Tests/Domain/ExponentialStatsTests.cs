using Holler.Domain.Traffic;

namespace Holler.Tests.Domain;

public class ExponentialStatsTests
{
    [Fact]
    public void The_first_sample_sets_the_mean_and_a_poisson_like_variance()
    {
        var stats = new ExponentialStats(30);
        stats.Add(50);

        Assert.Equal(50, stats.Mean);
        Assert.Equal(50, stats.Variance);
        Assert.Equal(1, stats.Samples);
    }

    [Fact]
    public void A_constant_series_converges_to_its_value_with_vanishing_variance()
    {
        var stats = new ExponentialStats(10);
        stats.Initialize(0);
        for (var i = 0; i < 500; i++) stats.Add(42);

        Assert.Equal(42, stats.Mean, 6);
        Assert.True(stats.Variance < 1e-6, $"variance {stats.Variance}");
        Assert.True(stats.Variance >= 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(30)]
    public void After_one_half_life_of_a_step_the_mean_is_halfway(int halfLife)
    {
        var stats = new ExponentialStats(halfLife);
        for (var i = 0; i < 50 * halfLife; i++) stats.Add(100);

        for (var i = 0; i < halfLife; i++) stats.Add(200);

        Assert.Equal(150, stats.Mean, 6);
    }

    [Fact]
    public void Early_samples_are_a_plain_average_so_the_first_does_not_outweigh_the_rest()
    {
        var stats = new ExponentialStats(30); // alpha ~0.023: the switch to exponential weighting is after ~44 samples
        double[] values = [8, 12, 13, 11, 14, 10, 12];
        foreach (var value in values) stats.Add(value);

        Assert.Equal(values.Average(), stats.Mean, 9);
        Assert.True(stats.Variance > 0);
    }

    [Fact]
    public void Once_the_history_is_long_the_newest_sample_weighs_alpha()
    {
        var stats = new ExponentialStats(6);
        for (var i = 0; i < 100; i++) stats.Add(10);
        var before = stats.Mean;

        stats.Add(110);

        Assert.Equal(before + stats.Alpha * 100, stats.Mean, 9);
    }

    [Fact]
    public void Alpha_is_the_weight_that_halves_in_the_half_life()
    {
        var stats = new ExponentialStats(30);
        Assert.Equal(0.5, Math.Pow(1 - stats.Alpha, 30), 12);
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(60.0)]
    [InlineData(600.0)]
    public void A_poisson_series_has_variance_near_its_mean(double rate)
    {
        var random = new Random(11);
        var stats = new ExponentialStats(200);
        var means = new List<double>();
        var variances = new List<double>();
        for (var i = 0; i < 20_000; i++)
        {
            stats.Add(Poisson.Sample(random, rate));
            if (i > 2000 && i % 100 == 0)
            {
                means.Add(stats.Mean);
                variances.Add(stats.Variance);
            }
        }

        // Averaged over the run so one unlucky stretch does not decide; a single EW estimate wanders by ~10%.
        Assert.InRange(means.Average(), rate * 0.97, rate * 1.03);
        Assert.InRange(variances.Average(), rate * 0.85, rate * 1.15);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void A_half_life_that_is_not_a_positive_number_is_rejected(double halfLife) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialStats(halfLife));

    [Fact]
    public void Restore_then_add_continues_identically()
    {
        var original = new ExponentialStats(30);
        foreach (var value in new double[] { 3, 9, 4, 7, 12 }) original.Add(value);
        var restored = new ExponentialStats(30);
        restored.Restore(original.Mean, original.Variance, original.Samples);

        original.Add(20);
        restored.Add(20);

        Assert.Equal(original.Mean, restored.Mean);
        Assert.Equal(original.Variance, restored.Variance);
        Assert.Equal(original.Samples, restored.Samples);
    }
}
