using Holler.Domain.Dimensions;
using Holler.Domain.Surges;

namespace Holler.Tracking;

/// <summary>A busy business's breakdown and the state machine of its error share.</summary>
public sealed class TrackedDimensions
{
    private ErrorShareDetector _errors;

    public BusinessDimensions Breakdown { get; } = new();

    public ref ErrorShareDetector Errors => ref _errors;

    /// <summary>Processing time (<see cref="DateTimeOffset.UtcTicks"/>) the business's window last held at least a
    /// quarter of <see cref="DimensionSettings.MinEventsPerMinute"/>.</summary>
    public long LastBusyTicks { get; set; }

    /// <summary>Scores the 5xx share now against the usual one at <paramref name="nowSecond"/> (event time).</summary>
    public SurgeTransition EvaluateErrors(long nowSecond, DetectorSettings detector, DimensionSettings settings)
    {
        var (errorsNow, knownNow, errorsUsually, knownUsually) = Breakdown.ErrorCounts(nowSecond);
        return _errors.Evaluate(errorsNow, knownNow, errorsUsually, knownUsually, nowSecond, detector,
            settings.MinErrorShare, settings.MinErrorEvents);
    }

    public DimensionSummary Summarise(long nowSecond) =>
        Breakdown.Summarise(nowSecond, _errors.Score, _errors.IsSurging ? _errors.SinceSecond * 1000 : 0);
}
