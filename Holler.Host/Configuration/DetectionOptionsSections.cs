using Holler.Domain.Detection;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;

namespace Holler.Host.Configuration;

public sealed class BaselineOptionsSection
{
    public double HalfLifeMinutes { get; set; } = 30;
    public int WarmupSeconds { get; set; } = 60;
    /// <summary>A surge or drop lasting this long becomes the business's new level.</summary>
    public double AdoptShiftAfterMinutes { get; set; } = 60;
    /// <summary>Half-life of the learned daily and weekly rhythm.</summary>
    public double ProfileHalfLifeDays { get; set; } = 14;
    /// <summary>us or none: holidays keep Sunday's rhythm.</summary>
    public string Holidays { get; set; } = "us";

    public BaselineSettings Resolve(List<string> errors)
    {
        var baseline = new BaselineSettings(HalfLifeMinutes, WarmupSeconds, AdoptShiftAfterMinutes, ProfileHalfLifeDays, Holidays);
        errors.AddRange(baseline.Validate());
        return baseline;
    }
}

public sealed class DetectorOptionsSection
{
    /// <summary>Severity (−log10 of the window's tail probability) that starts a surge or drop.</summary>
    public double EnterSeverity { get; set; } = ModelSettings.DefaultThreshold;
    public double ExitSeverity { get; set; } = 3;
    public int MinCount { get; set; } = 20;
    public double MinRatio { get; set; } = 2;
    /// <summary>surge, drop or both.</summary>
    public string Direction { get; set; } = "surge";

    public DetectorSettings Resolve(List<string> errors)
    {
        if (!Enum.TryParse<DetectionDirection>(Direction.Trim(), ignoreCase: true, out var direction) || int.TryParse(Direction, out _))
        {
            errors.Add($"Detector:Direction must be surge, drop or both, was '{Direction}'");
            direction = DetectionDirection.Surge;
        }
        var detector = new DetectorSettings(EnterSeverity, ExitSeverity, MinCount, MinRatio, direction);
        errors.AddRange(detector.Validate());
        return detector;
    }
}
