namespace Holler.Domain.Dimensions;

/// <summary>
/// Distinct users of one business over the last 60 s, 5 min and 1 h, each a ring of small HyperLogLog sketches of
/// fixed time buckets (6 × 10 s, 5 × 1 min, 12 × 5 min) merged on demand. A window therefore covers its length
/// give or take one bucket (the 60 s window holds the current 10 s bucket and the five before it: 50–60 s of
/// events), and its estimate has the relative standard error of <see cref="Registers"/> registers:
/// 1.04 / √64 = 13% (see docs/dimensions.md#active-users). 1,472 bytes of registers.
/// </summary>
public sealed class DistinctUsers
{
    /// <summary>Registers per sketch: p = 6. Enough to tell 40 users from 400, which is what the drill-down shows.</summary>
    public const int Registers = 64;

    private readonly Ring _minute = new(10, 6);
    private readonly Ring _fiveMinutes = new(60, 5);
    private readonly Ring _hour = new(300, 12);

    public void Add(long second, ulong userHash)
    {
        if (userHash == 0) return;
        _minute.Add(second, userHash);
        _fiveMinutes.Add(second, userHash);
        _hour.Add(second, userHash);
    }

    public (double LastMinute, double LastFiveMinutes, double LastHour) Estimate(long nowSecond) =>
        (_minute.Estimate(nowSecond), _fiveMinutes.Estimate(nowSecond), _hour.Estimate(nowSecond));

    /// <summary>The relative standard error of every estimate.</summary>
    public static double StandardError => HyperLogLog.StandardError(Registers);

    private sealed class Ring(int bucketSeconds, int buckets)
    {
        private readonly byte[] _registers = new byte[buckets * Registers];
        private readonly long[] _bucketOf = Filled(buckets);

        public void Add(long second, ulong hash)
        {
            var bucket = Math.DivRem(second, bucketSeconds).Quotient;
            var slot = (int)(bucket % buckets);
            if (slot < 0) slot += buckets;
            var registers = _registers.AsSpan(slot * Registers, Registers);
            if (_bucketOf[slot] != bucket)
            {
                // Older than what the slot holds: outside every window, so dropped.
                if (_bucketOf[slot] > bucket) return;
                registers.Clear();
                _bucketOf[slot] = bucket;
            }

            HyperLogLog.Add(registers, hash);
        }

        public double Estimate(long nowSecond)
        {
            var current = Math.DivRem(nowSecond, bucketSeconds).Quotient;
            Span<byte> union = stackalloc byte[Registers];
            union.Clear();
            for (var slot = 0; slot < buckets; slot++)
            {
                var bucket = _bucketOf[slot];
                if (bucket <= current && bucket > current - buckets)
                    HyperLogLog.Merge(union, _registers.AsSpan(slot * Registers, Registers));
            }

            return HyperLogLog.Estimate(union);
        }

        private static long[] Filled(int n)
        {
            var a = new long[n];
            Array.Fill(a, long.MinValue);
            return a;
        }
    }
}
