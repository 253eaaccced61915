namespace Holler.Domain.Replay;

/// <summary>A z-score mapped onto [0, 1], the scale benchmark scorers expect.</summary>
public static class AnomalyScore
{
    /// <summary>
    /// Rises: <c>1 - exp(-z / enter)</c>, so the online alarm threshold (z = enter) maps to 1 - 1/e ≈ 0.63.
    /// Drops: <c>0.5 * (1 - exp(z / enter))</c>, at most 0.5: Holler hunts surges, so a drop is reported but can never
    /// outrank a surge of similar size.
    /// </summary>
    public static double FromZ(double z, double enterScore) => z switch
    {
        > 0 => 1 - Math.Exp(-z / enterScore),
        < 0 => 0.5 * (1 - Math.Exp(z / enterScore)),
        _ => 0,
    };
}
