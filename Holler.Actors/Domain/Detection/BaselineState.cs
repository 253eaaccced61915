namespace Holler.Domain.Detection;

/// <summary>What one series (or business) has learned of itself; its rhythm lives in a <see cref="SeasonalProfile"/>.</summary>
/// <remarks>A struct, stored inline in its business's state: 40 bytes. Hold it by reference, never by a copy.</remarks>
public struct BaselineState
{
    /// <summary>The deseasonalised expectation of one sample (a minute's count live, a row's value offline).</summary>
    public double Level;

    /// <summary>The same, learned over days: the reference the seasonal profile learns its shape against.</summary>
    public double Slow;

    /// <summary>The same, learned fast and without limit: where a lasting shift has moved the series to.</summary>
    public double FastLevel;

    /// <summary>Counts: residual variance in Anscombe units (Poisson noise is 1). Gauges: residual variance.</summary>
    public double Spread;

    public int Samples;

    /// <summary>Consecutive samples beyond the threshold, positive above the expectation and negative below.</summary>
    public int ShiftRun;

    public readonly bool IsEmpty => Samples == 0;
}
