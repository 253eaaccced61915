using Holler.Domain.Surges;

namespace Holler.Domain.Replay;

/// <summary>How <c>holler detect</c> scores a series.</summary>
/// <param name="HalfLife">Half-life of the baseline, as on the online trackers; turned into rows by the series interval.</param>
/// <param name="Warmup">Time from the first row before rows are scored; turned into a number of rows (at least one).</param>
/// <param name="Detector">Only <see cref="DetectorSettings.EnterScore"/> is used: it scales the score and limits what
/// an outlier teaches the baseline. The other settings drive the online surge state machine, which a per-row score
/// does not have.</param>
public sealed record SeriesDetectorOptions(TimeSpan HalfLife, TimeSpan Warmup, DetectorSettings Detector)
{
    public SeriesDetectorOptions() : this(TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), DetectorSettings.Default) { }

    public static SeriesDetectorOptions Default { get; } = new();

    /// <summary>Problems as "setting: message" lines, empty when valid.</summary>
    public IEnumerable<string> Validate(string prefix = "Detect")
    {
        if (HalfLife <= TimeSpan.Zero)
            yield return $"{prefix}:HalfLife must be greater than zero, was {HalfLife}";
        if (Warmup < TimeSpan.Zero)
            yield return $"{prefix}:Warmup must not be negative, was {Warmup}";
        if (!(Detector.EnterScore > 0) || Detector.EnterScore > 1000)
            yield return $"{prefix}:EnterScore must be between 0 and 1000, was {Detector.EnterScore}";
    }
}
