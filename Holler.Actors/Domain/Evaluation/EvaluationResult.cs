namespace Holler.Domain.Evaluation;

/// <summary>Every detector on the same corpus in the same run.</summary>
/// <param name="Categories">In corpus order.</param>
public sealed record EvaluationResult(int Series, long Rows, int Windows, IReadOnlyList<string> Categories, IReadOnlyList<DetectorResult> Detectors);

/// <summary>One detector's figures at its default threshold and at its best single threshold for the whole corpus.</summary>
/// <param name="FailedSeries">"category/name: reason" for each series the detector could not score whole.</param>
/// <param name="MicrosecondsPerRow">Time spent in the detector's Score, per row.</param>
public sealed record DetectorResult(string Name, double DefaultThreshold, double MicrosecondsPerRow, IReadOnlyList<string> FailedSeries,
    ThresholdResult AtDefault, ThresholdResult AtBest);

/// <summary>Figures at one threshold, for the whole corpus and per category.</summary>
public sealed record ThresholdResult(double Threshold, DetectionFigures Overall, IReadOnlyList<DetectionFigures> Categories);
