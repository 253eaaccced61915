using Holler.Domain.Detection;

namespace Holler.Domain.Surges;

/// <summary>When a window counts as a surge (or a drop). Hysteresis: an episode starts at <see cref="EnterSeverity"/>
/// and lasts until the severity falls below <see cref="ExitSeverity"/>, so traffic hovering near the threshold does
/// not flap.</summary>
/// <param name="EnterSeverity">Severity (−log10 of how likely a window this far from the expectation is) that starts
/// an episode. 7 is one chance in ten million; see docs/detection.md for the false alarms it gives.</param>
/// <param name="ExitSeverity">An episode ends when the severity falls below this.</param>
/// <param name="MinCount">Events in the 60-second window needed to start a surge, and expected for a drop (quiet
/// businesses never alarm on a handful).</param>
/// <param name="MinRatio">A surge's window must be at least this multiple of the expectation; a drop's at most its inverse.</param>
/// <param name="Direction">Which episodes are detected: surges, drops or both.</param>
public sealed record DetectorSettings(
    double EnterSeverity = ModelSettings.DefaultThreshold,
    double ExitSeverity = 3,
    int MinCount = 20,
    double MinRatio = 2,
    DetectionDirection Direction = DetectionDirection.Surge)
{
    public static DetectorSettings Default { get; } = new();

    public IEnumerable<string> Validate(string prefix = "Detector")
    {
        if (!(EnterSeverity > 0) || EnterSeverity > 10000)
            yield return $"{prefix}:EnterSeverity must be between 0 and 10000, was {EnterSeverity}";
        if (!(ExitSeverity >= 0) || ExitSeverity > EnterSeverity)
            yield return $"{prefix}:ExitSeverity must be between 0 and EnterSeverity ({EnterSeverity}), was {ExitSeverity}";
        if (MinCount < 1)
            yield return $"{prefix}:MinCount must be at least 1, was {MinCount}";
        if (!(MinRatio >= 1) || MinRatio > 1000)
            yield return $"{prefix}:MinRatio must be between 1 and 1000, was {MinRatio}";
    }
}
