using Holler.Domain.Catalog;
using Holler.Generation;

namespace Holler.Tests.Generator;

public class ZipfSamplerTests
{
    [Fact]
    public void Frequencies_fall_off_as_one_over_rank()
    {
        var sampler = new ZipfSampler(1_000);
        var random = new DeterministicRandom(1);
        var counts = new int[sampler.Count];
        const int draws = 2_000_000;
        for (var i = 0; i < draws; i++) counts[sampler.Sample(random.NextDouble())]++;

        Assert.Equal(0, Array.IndexOf(counts, counts.Max()));
        for (var k = 1; k < 10; k++)
        {
            var expected = counts[0] / (k + 1.0);
            Assert.InRange(counts[k], expected * 0.9, expected * 1.1);
        }
        // Rank 0 of 1,000 under s = 1 gets 1/H(1000) ≈ 13.4 % of everything.
        Assert.InRange(counts[0] / (double)draws, 0.128, 0.140);
        Assert.True(counts.Take(10).Sum() > counts.Skip(500).Sum());
    }

    [Fact]
    public void Probabilities_sum_to_one_and_follow_the_exponent()
    {
        var sampler = new ZipfSampler(500, exponent: 2.0);
        Assert.Equal(1.0, Enumerable.Range(0, 500).Sum(sampler.Probability), 9);
        Assert.Equal(4.0, sampler.Probability(0) / sampler.Probability(1), 9);
    }

    [Fact]
    public void Edges_of_the_unit_interval_map_to_valid_ranks()
    {
        var sampler = new ZipfSampler(10);
        Assert.Equal(0, sampler.Sample(0.0));
        Assert.Equal(9, sampler.Sample(Math.BitDecrement(1.0)));
        Assert.Equal(0, new ZipfSampler(1).Sample(0.5));
    }

    [Fact]
    public void Exponent_zero_is_uniform()
    {
        var sampler = new ZipfSampler(4, exponent: 0);
        Assert.Equal([0, 1, 2, 3], new[] { 0.1, 0.3, 0.6, 0.9 }.Select(sampler.Sample));
    }
}
