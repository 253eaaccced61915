namespace Holler.Tests.Domain;

/// <summary>Seeded Poisson samples for simulated traffic.</summary>
internal static class Poisson
{
    public static int Sample(Random random, double mean)
    {
        if (mean <= 0) return 0;
        // Knuth's method underflows exp(-mean) for large means; a normal approximation is indistinguishable there.
        if (mean > 500) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Gaussian(random)));
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

    public static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
