using System.Numerics;

namespace Holler.Domain.Dimensions;

/// <summary>
/// HyperLogLog registers for distinct counts of 64-bit hashes (<see cref="EventHash"/>), over a caller's span so that
/// many sketches can share one array. With m = 2^p registers the relative standard error is 1.04 / √m: 13% at p = 6,
/// 6.5% at p = 8 (Flajolet et al. 2007); small counts use linear counting, which is nearly exact below ~m.
/// </summary>
public static class HyperLogLog
{
    /// <summary>The relative standard error of an estimate from <paramref name="registers"/> registers.</summary>
    public static double StandardError(int registers) => 1.04 / Math.Sqrt(registers);

    /// <param name="registers">A power of two of at least 16.</param>
    public static void Add(Span<byte> registers, ulong hash)
    {
        var p = BitOperations.Log2((uint)registers.Length);
        var index = (int)(hash >> (64 - p));
        // Rank of the first 1-bit in the remaining 64 - p bits; a sentinel bit keeps an all-zero rest finite.
        var rest = (hash << p) | (1UL << (p - 1));
        var rank = (byte)(BitOperations.LeadingZeroCount(rest) + 1);
        if (rank > registers[index]) registers[index] = rank;
    }

    /// <summary>Register-wise maximum: the sketch of the union.</summary>
    public static void Merge(Span<byte> into, ReadOnlySpan<byte> from)
    {
        for (var i = 0; i < into.Length; i++)
            if (from[i] > into[i]) into[i] = from[i];
    }

    public static double Estimate(ReadOnlySpan<byte> registers)
    {
        var m = registers.Length;
        double sum = 0;
        var zeros = 0;
        foreach (var r in registers)
        {
            sum += 1.0 / (1UL << r);
            if (r == 0) zeros++;
        }

        var alpha = m switch { 16 => 0.673, 32 => 0.697, 64 => 0.709, _ => 0.7213 / (1 + 1.079 / m) };
        var raw = alpha * m * m / sum;
        // Linear counting where the raw estimate is biased (small cardinalities).
        return raw <= 2.5 * m && zeros > 0 ? m * Math.Log((double)m / zeros) : raw;
    }
}
