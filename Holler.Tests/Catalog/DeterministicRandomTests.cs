using Holler.Domain.Catalog;

namespace Holler.Tests.Catalog;

public class DeterministicRandomTests
{
    [Fact]
    public void Mix_is_the_reference_splitmix64_finaliser()
    {
        // SplitMix64 seeded with 0 yields 0xE220A8397B1DCDAF first (Vigna's reference implementation).
        Assert.Equal(0xE220A8397B1DCDAFUL, DeterministicRandom.Mix(0x9E3779B97F4A7C15UL));
    }

    [Fact]
    public void Seeds_and_streams_are_reproducible_and_independent()
    {
        static ulong[] Draw(int seed, ulong stream)
        {
            var random = new DeterministicRandom(seed, stream);
            return [.. Enumerable.Range(0, 8).Select(_ => random.NextUInt64())];
        }
        Assert.Equal(Draw(42, 0), Draw(42, 0));
        Assert.NotEqual(Draw(42, 0), Draw(42, 1));
        Assert.NotEqual(Draw(42, 0), Draw(43, 0));
    }

    [Fact]
    public void Ranges_are_respected_and_covered()
    {
        var random = new DeterministicRandom(7);
        var seen = new int[6];
        for (var i = 0; i < 60_000; i++)
        {
            var d = random.NextDouble();
            Assert.InRange(d, 0.0, Math.BitDecrement(1.0));
            seen[random.NextInt(6)]++;
        }
        Assert.All(seen, count => Assert.InRange(count, 9_000, 11_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt(0));
    }
}
