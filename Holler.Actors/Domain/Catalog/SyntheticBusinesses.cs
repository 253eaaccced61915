using System.Runtime.CompilerServices;

namespace Holler.Domain.Catalog;

/// <summary>
/// Builds business number <c>index</c> of a synthetic catalog from (seed, index) alone, so a smaller
/// catalog is a prefix of a larger one with the same seed and any entry can be regenerated on its own.
/// Only IEEE basic arithmetic feeds the coordinates (no Math.Sin/Log), so they are bit-identical everywhere.
/// </summary>
internal static class SyntheticBusinesses
{
    public const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    public const int IdLength = 22;
    public const double JitterDegrees = 0.25;

    private static readonly double[] MetroCumulative = Cumulative(MetroAreas.All.Select(m => m.Weight));
    private static readonly double[] CategoryCumulative = Cumulative(SyntheticNames.Categories.Select(c => c.Weight));

    // Skips tier-0 code: a catalog is built once per process, so the JIT's usual warm-up would double its cost.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static BusinessInfo Create(int seed, int index)
    {
        var random = new DeterministicRandom(seed, stream: (ulong)index);
        var id = CreateId(seed, index, random);
        var naming = SyntheticNames.Categories[PickWeighted(CategoryCumulative, random)];
        var name = CreateName(naming, random);
        var metro = MetroAreas.All[PickWeighted(MetroCumulative, random)];
        var (dLat, dLon) = Jitter(random);
        return new BusinessInfo(id, name, naming.Category, metro.Name, Round6(metro.Latitude + dLat), Round6(metro.Longitude + dLon));
    }

    /// <summary>
    /// The first 64 bits are a bijection of the index (keyed by the seed), so ids are unique by construction;
    /// the rest is noise so ids look like Yelp's rather than like a counter.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string CreateId(int seed, int index, DeterministicRandom random)
    {
        Span<char> id = stackalloc char[IdLength];
        var key = DeterministicRandom.Mix((ulong)(uint)seed + 0x6A09E667F3BCC909UL);
        var unique = DeterministicRandom.Mix(key ^ (ulong)(uint)index);
        for (var i = 0; i < 10; i++)
        {
            id[i] = IdAlphabet[(int)(unique & 63)];
            unique >>= 6;
        }
        id[10] = IdAlphabet[(int)(unique | (random.NextUInt64() >> 62 << 4))];
        for (var i = 11; i < IdLength; i++) id[i] = IdAlphabet[(int)(random.NextUInt64() >> 58)];
        return new string(id);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string CreateName(CategoryNaming naming, DeterministicRandom random)
    {
        var pattern = PickPattern(naming.Patterns, random);
        var kind = random.Pick(naming.Kinds);
        return pattern switch
        {
            NamePatterns.Descriptive => string.Join(' ', random.Pick(SyntheticNames.Adjectives), random.Pick(SyntheticNames.Nouns), kind),
            NamePatterns.Possessive => string.Concat(random.Pick(SyntheticNames.People), "'s ", kind),
            NamePatterns.Definite => string.Concat("The ", random.Pick(SyntheticNames.Adjectives), " ", random.Pick(SyntheticNames.Nouns)),
            _ => string.Concat(random.Pick(SyntheticNames.Places), " ", kind),
        };
    }

    private static NamePatterns PickPattern(NamePatterns allowed, DeterministicRandom random)
    {
        Span<NamePatterns> choices = stackalloc NamePatterns[4];
        var count = 0;
        foreach (var pattern in (ReadOnlySpan<NamePatterns>)[NamePatterns.Descriptive, NamePatterns.Possessive, NamePatterns.Place, NamePatterns.Definite])
            if ((allowed & pattern) != 0) choices[count++] = pattern;
        return choices[random.NextInt(count)];
    }

    /// <summary>Sum of two uniforms per axis, clipped to a disc: dense downtown, thinning towards the suburbs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double DLat, double DLon) Jitter(DeterministicRandom random)
    {
        while (true)
        {
            var dLat = (random.NextDouble() + random.NextDouble() - 1.0) * JitterDegrees;
            var dLon = (random.NextDouble() + random.NextDouble() - 1.0) * JitterDegrees;
            if (dLat * dLat + dLon * dLon <= JitterDegrees * JitterDegrees) return (dLat, dLon);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int PickWeighted(double[] cumulative, DeterministicRandom random)
    {
        var target = random.NextDouble() * cumulative[^1];
        for (var i = 0; i < cumulative.Length - 1; i++)
            if (target < cumulative[i]) return i;
        return cumulative.Length - 1;
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var result = new List<double>();
        var sum = 0.0;
        foreach (var weight in weights) result.Add(sum += weight);
        return [.. result];
    }

    private static double Round6(double value) => Math.Round(value * 1e6) / 1e6;
}
