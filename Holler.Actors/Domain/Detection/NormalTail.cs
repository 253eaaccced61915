using MathNet.Numerics;

namespace Holler.Domain.Detection;

/// <summary>Tail probabilities of the standard normal distribution, as −log10, accurate far into the tail.</summary>
public static class NormalTail
{
    private static readonly double Log10E = 1 / Math.Log(10);
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>Past this z, erfc underflows soon after; the continued fraction takes over (it needs few terms here).</summary>
    private const double ContinuedFractionFrom = 30;

    /// <summary>
    /// −log10 P(Z ≥ z): 0.30 at z = 0, 4.5 at z = 4, 15.1 at z = 8, 2174 at z = 100. Finite and strictly increasing
    /// for every finite z, so evidence never saturates and no two different deviations tie.
    /// </summary>
    public static double Log10Upper(double z)
    {
        if (double.IsNaN(z)) return 0;
        if (z < ContinuedFractionFrom) return -Math.Log10(0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2)));
        if (double.IsPositiveInfinity(z)) return double.MaxValue;
        // Laplace's continued fraction for the Mills ratio: Q(z) = φ(z) / (z + 1/(z + 2/(z + 3/(z + …)))).
        var fraction = z;
        for (var k = 12; k >= 1; k--) fraction = z + k / fraction;
        return (z * z / 2 + HalfLogTwoPi + Math.Log(fraction)) * Log10E;
    }
}
