namespace Holler.Domain.Evaluation;

/// <summary>
/// Weights of the window score, after Lavin and Ahmad's Numenta Anomaly Benchmark (2015). The standard profile: a
/// detected window earns up to <see cref="TruePositive"/> (less the later it is detected), a missed window costs
/// <see cref="FalseNegative"/>, and every flagged row outside all windows costs <see cref="FalsePositive"/>.
/// </summary>
/// <param name="Probation">Rows in this much time from a series' first row are not scored: every detector needs some
/// history, and none of the corpus' anomalies falls there.</param>
public sealed record ScoringProfile(double TruePositive, double FalsePositive, double FalseNegative, TimeSpan Probation)
{
    public static ScoringProfile Standard { get; } = new(1, -0.11, -1, LabelledCorpus.Probation);

    /// <summary>
    /// NAB's scaled sigmoid of the relative position <paramref name="y"/> of a detection: -1 at the window's start
    /// (≈ 0.987), 0 at its end (0), so an early detection earns almost the full reward and a late one almost none.
    /// </summary>
    public static double ScaledSigmoid(double y) => 2 / (1 + Math.Exp(5 * y)) - 1;
}
