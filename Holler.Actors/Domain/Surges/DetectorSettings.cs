namespace Holler.Domain.Surges;

/// <summary>When a window counts as a surge. Hysteresis: a surge starts at <see cref="EnterScore"/> and lasts until the
/// score drops below <see cref="ExitScore"/>, so a surge hovering near the threshold does not flap.</summary>
/// <param name="EnterScore">Standard deviations above the baseline needed to start a surge.</param>
/// <param name="ExitScore">A surge ends when the score falls below this.</param>
/// <param name="MinCount">Events in the 60-second window needed to start a surge (quiet businesses never alarm on a handful).</param>
/// <param name="MinRatio">The window must be at least this multiple of the baseline to start a surge.</param>
public sealed record DetectorSettings(double EnterScore = 4, double ExitScore = 2, int MinCount = 20, double MinRatio = 2)
{
    public static DetectorSettings Default { get; } = new();

    public IEnumerable<string> Validate(string prefix = "Detector")
    {
        if (!(EnterScore > 0) || EnterScore > 1000)
            yield return $"{prefix}:EnterScore must be between 0 and 1000, was {EnterScore}";
        if (!(ExitScore >= 0) || ExitScore > EnterScore)
            yield return $"{prefix}:ExitScore must be between 0 and EnterScore ({EnterScore}), was {ExitScore}";
        if (MinCount < 1)
            yield return $"{prefix}:MinCount must be at least 1, was {MinCount}";
        if (!(MinRatio >= 1) || MinRatio > 1000)
            yield return $"{prefix}:MinRatio must be between 1 and 1000, was {MinRatio}";
    }
}
