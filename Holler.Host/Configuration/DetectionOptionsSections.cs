using Holler.Domain.Surges;
using Holler.Domain.Traffic;

namespace Holler.Host.Configuration;

public sealed class BaselineOptionsSection
{
    public double HalfLifeMinutes { get; set; } = 30;
    public int WarmupSeconds { get; set; } = 60;

    public BaselineSettings Resolve(List<string> errors)
    {
        var baseline = new BaselineSettings(HalfLifeMinutes, WarmupSeconds);
        errors.AddRange(baseline.Validate());
        return baseline;
    }
}

public sealed class DetectorOptionsSection
{
    public double EnterScore { get; set; } = 4;
    public double ExitScore { get; set; } = 2;
    public int MinCount { get; set; } = 20;
    public double MinRatio { get; set; } = 2;

    public DetectorSettings Resolve(List<string> errors)
    {
        var detector = new DetectorSettings(EnterScore, ExitScore, MinCount, MinRatio);
        errors.AddRange(detector.Validate());
        return detector;
    }
}
