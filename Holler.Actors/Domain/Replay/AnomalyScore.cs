namespace Holler.Domain.Replay;

/// <summary>Scores mapped onto [0, 1], the scale benchmark scorers expect.</summary>
public static class AnomalyScore
{
    /// <summary>
    /// The seasonal detector's severity on [0, 1): <c>s / (s + threshold)</c>. The threshold maps to 0.5, every
    /// further digit of improbability still raises the score (strictly increasing, never 1 for finite evidence), so a
    /// harness that picks its own threshold can rank every row. A double cannot tell such scores from 1 past a
    /// severity of about 10^16 (a deviation of some 10^8 standard units); those score the largest double below 1.
    /// </summary>
    public static double FromSeverity(double severity, double threshold) =>
        severity <= 0 ? 0 : Math.Min(severity / (severity + threshold), Math.BitDecrement(1.0));

    /// <summary>
    /// The v1 detector's mapping. Rises: <c>1 - exp(-z / enter)</c>, so the online alarm threshold (z = enter) maps to 1 - 1/e ≈ 0.63.
    /// Drops: <c>0.5 * (1 - exp(z / enter))</c>, at most 0.5: Holler hunts surges, so a drop is reported but can never
    /// outrank a surge of similar size.
    /// <para>
    /// Why this mapping stayed when <see cref="Surges.SurgeScore.Z"/> became the more cautious of the plain and the
    /// Anscombe reading: that reading compresses large rises at small counts (a rise of 15 Poisson deviations from 8
    /// reads z ≈ 8, so it scores ≈ 0.87 where it used to score ≈ 0.98), but the mapping is monotone, so which rows
    /// score highest, and any ranking-based benchmark result, is unchanged. What the mapping must keep is its anchor:
    /// z is the very number the online detector compares with the enter score, so 0.63 still means "the live detector
    /// would alarm here" and 0.86 "twice that". A steeper curve chosen to lift large spikes back above some round
    /// number would give up that meaning for no gain in ranking.
    /// </para>
    /// </summary>
    public static double FromZ(double z, double enterScore) => z switch
    {
        > 0 => 1 - Math.Exp(-z / enterScore),
        < 0 => 0.5 * (1 - Math.Exp(z / enterScore)),
        _ => 0,
    };
}
