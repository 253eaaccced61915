namespace Holler.Domain.Evaluation;

/// <summary>
/// A detector as the evaluation runs it: one score in [0, 1] per row of a series, in row order (rows may repeat or step
/// back in time, and the detector must still return one score per row). A row is flagged when its score is at least
/// the threshold; <see cref="DefaultThreshold"/> is the one the detector is meant to alarm at.
/// </summary>
/// <remarks>
/// The series a detector is given has no <see cref="LabelledSeries.Anomalies"/>: the evaluation removes them.
/// A detector that cannot read a whole series returns <see cref="IncompleteScores"/> (scores up to the bad row, 0 after),
/// which the evaluation counts as a failed series; one that throws scores 0 on every row of that series and is counted
/// the same way. NaN scores count as 0, and scores outside [0, 1] are clamped.
/// </remarks>
public sealed record EvaluatedDetector(string Name, double DefaultThreshold, Func<LabelledSeries, IReadOnlyList<double>> Score);
