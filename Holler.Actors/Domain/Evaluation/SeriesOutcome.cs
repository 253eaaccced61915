namespace Holler.Domain.Evaluation;

/// <summary>How one detector did on one series at one threshold.</summary>
/// <param name="Score">The raw window score: rewards of detected windows, plus FalseNegative per missed window, plus
/// FalsePositive per flagged row outside all windows.</param>
/// <param name="Perfect">The raw score of the perfect detector on this series.</param>
/// <param name="Null">The raw score of the detector that flags nothing: FalseNegative per window.</param>
/// <param name="FalsePositiveRows">Flagged scored rows outside all windows.</param>
/// <param name="FalseAlarms">Onsets among them: flagged rows outside windows whose previous row was not flagged.</param>
/// <param name="Delays">For each detected window, its first flagged row's timestamp minus the anomaly's start.</param>
/// <param name="Failure">Why the detector could not score the whole series; null when it could.</param>
public sealed record SeriesOutcome(
    string Name,
    string Category,
    double Score,
    double Perfect,
    double Null,
    int Windows,
    int Detected,
    int FalsePositiveRows,
    int FalseAlarms,
    double ScoredWeeks,
    IReadOnlyList<TimeSpan> Delays,
    string? Failure);
