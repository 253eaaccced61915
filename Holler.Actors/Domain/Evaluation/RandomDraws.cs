namespace Holler.Domain.Evaluation;

/// <summary>Seeded draws from the distributions the corpus needs; fast enough for millions of rows at any mean.</summary>
internal static class RandomDraws
{
    public static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static double Uniform(Random random, double low, double high) => low + (high - low) * random.NextDouble();

    /// <summary>Log-uniform: as likely to land in 1–10 as in 100–1000.</summary>
    public static double LogUniform(Random random, double low, double high) => Math.Exp(Uniform(random, Math.Log(low), Math.Log(high)));

    /// <summary>
    /// Knuth's product method below a mean of 30, where it is exact and cheap; above, Hörmann's transformed rejection
    /// (PTRS), whose cost does not grow with the mean: a 100× surge on 1,000 a minute is a mean of 100,000.
    /// </summary>
    public static double Poisson(Random random, double mean)
    {
        if (!(mean > 0)) return 0;
        if (mean < 30)
        {
            var limit = Math.Exp(-mean);
            var k = 0;
            var product = random.NextDouble();
            while (product > limit)
            {
                k++;
                product *= random.NextDouble();
            }
            return k;
        }
        var root = Math.Sqrt(mean);
        var logMean = Math.Log(mean);
        var b = 0.931 + 2.53 * root;
        var a = -0.059 + 0.02483 * b;
        var inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
        var vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            var u = random.NextDouble() - 0.5;
            var v = random.NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + Math.Log(inverseAlpha) - Math.Log(a / (us * us) + b) <= -mean + k * logMean - LogFactorial(k)) return k;
        }
    }

    /// <summary>Gamma-Poisson (negative binomial): variance mean + mean²/shape, the overdispersion of bursty traffic.</summary>
    public static double OverdispersedCount(Random random, double mean, double shape) =>
        mean > 0 ? Poisson(random, Gamma(random, shape) * mean / shape) : 0;

    /// <summary>Marsaglia and Tsang's method; shapes below 1 use the boost x·U^(1/shape).</summary>
    public static double Gamma(Random random, double shape)
    {
        if (shape < 1) return Gamma(random, shape + 1) * Math.Pow(random.NextDouble(), 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Gaussian(random);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            var u = random.NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v;
            if (Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
        }
    }

    private static double LogFactorial(double k)
    {
        if (k < 2) return 0;
        if (k < 10)
        {
            var sum = 0.0;
            for (var i = 2; i <= k; i++) sum += Math.Log(i);
            return sum;
        }
        // Stirling's series; at k ≥ 10 its error is below 1e-10.
        return (k + 0.5) * Math.Log(k) - k + 0.5 * Math.Log(2 * Math.PI) + 1 / (12 * k) - 1 / (360 * k * k * k);
    }
}
