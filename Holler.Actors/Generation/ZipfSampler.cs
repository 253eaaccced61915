namespace Holler.Generation;

/// <summary>
/// Zipf's law over ranks 0..n-1: rank k is drawn with probability proportional to 1/(k+1)^s — a few
/// businesses get most of the traffic, most get a trickle, as on any real site.
/// </summary>
public sealed class ZipfSampler
{
    private readonly double[] _cdf;

    public ZipfSampler(int n, double exponent = 1.0)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "need at least one rank");
        if (!double.IsFinite(exponent) || exponent < 0) throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "must be finite and non-negative");
        Exponent = exponent;
        _cdf = new double[n];
        var sum = 0.0;
        for (var k = 0; k < n; k++) _cdf[k] = sum += Math.Pow(k + 1, -exponent);
        var scale = 1.0 / sum;
        for (var k = 0; k < n; k++) _cdf[k] *= scale;
        // Rounding can leave the last entry a hair below 1, and a uniform draw just under 1 would then fall off the end.
        _cdf[n - 1] = 1.0;
    }

    public int Count => _cdf.Length;

    public double Exponent { get; }

    public double Probability(int rank) => rank == 0 ? _cdf[0] : _cdf[rank] - _cdf[rank - 1];

    /// <summary>Maps a uniform draw in [0, 1) to the first rank whose cumulative probability exceeds it.</summary>
    public int Sample(double uniform)
    {
        var cdf = _cdf;
        int lo = 0, hi = cdf.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cdf[mid] > uniform) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}
