namespace Holler.Domain.Catalog;

/// <summary>
/// SplitMix64: a tiny PRNG whose output is fixed by its seed on every platform and .NET version
/// (System.Random makes no such promise across major versions), so catalogs and traffic plans can be
/// regenerated anywhere and compared event for event. Not thread-safe; not for security.
/// </summary>
public sealed class DeterministicRandom
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <param name="stream">Numbered independent sequences from one seed, so parts of a plan never share draws.</param>
    public DeterministicRandom(int seed, ulong stream = 0) => _state = Mix((ulong)(uint)seed ^ Mix(stream + Gamma));

    /// <summary>
    /// SplitMix64's finaliser. It is a bijection on 64-bit values, which is what lets synthetic ids be
    /// unique by construction; it also derives independent seeds for numbered sub-streams.
    /// </summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        _state += Gamma;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1), 53 bits of precision.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double NextDouble(double minInclusive, double maxExclusive) =>
        minInclusive + (maxExclusive - minInclusive) * NextDouble();

    /// <summary>Uniform in [0, maxExclusive); multiply-shift rather than modulo so small ranges stay unbiased enough.</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), "must be positive");
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    public int NextInt(int minInclusive, int maxExclusive) => minInclusive + NextInt(maxExclusive - minInclusive);

    public T Pick<T>(IReadOnlyList<T> items) => items[NextInt(items.Count)];
}
