namespace Holler.Domain.Traffic;

/// <summary>
/// Exponentially weighted mean and variance of a series, with a half-life counted in samples.
/// West's incremental form: one sample costs a few flops and no history is kept.
/// </summary>
/// <remarks>A struct, stored inline in its business's state; hold it by reference, never by a copy.</remarks>
public struct ExponentialStats
{
    private readonly double _alpha;

    public ExponentialStats(double halfLifeSamples)
    {
        if (!(halfLifeSamples > 0) || double.IsInfinity(halfLifeSamples))
            throw new ArgumentOutOfRangeException(nameof(halfLifeSamples), halfLifeSamples, "half-life must be a positive number of samples");
        _alpha = 1 - Math.Pow(0.5, 1 / halfLifeSamples);
    }

    public double Mean { get; private set; }
    public double Variance { get; private set; }
    public long Samples { get; private set; }

    /// <summary>Weight of the newest sample once the series is longer than about 1/Alpha samples.</summary>
    public readonly double Alpha => _alpha;

    /// <summary>
    /// Starts the series at <paramref name="value"/>. The variance starts Poisson-like (equal to the mean) because
    /// one sample says nothing about spread and counts are roughly Poisson; a negative value (only replayed series
    /// have those) starts it at 0, as a variance cannot be negative.
    /// </summary>
    public void Initialize(double value)
    {
        Mean = value;
        Variance = Math.Max(value, 0);
        Samples = 1;
    }

    public void Add(double value)
    {
        if (Samples == 0)
        {
            Initialize(value);
            return;
        }
        // Until there are more samples than the half-life's memory, weigh them all equally (a plain running mean):
        // otherwise the first sample, one short warm-up window, would count as a whole half-life of history and a
        // business first seen in a lull would alarm on ordinary traffic for the next half hour.
        var weight = Math.Max(_alpha, 1.0 / (Samples + 1));
        var diff = value - Mean;
        var increment = weight * diff;
        Mean += increment;
        Variance = (1 - weight) * (Variance + diff * increment);
        Samples++;
    }

    public void Restore(double mean, double variance, long samples)
    {
        Mean = mean;
        Variance = variance;
        Samples = samples;
    }
}
