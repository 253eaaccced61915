using Holler.Domain.Surges;
using Holler.Domain.Traffic;

namespace Holler.Tests.Domain;

public class SettingsValidationTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.Empty(DetectorSettings.Default.Validate());
        Assert.Empty(BaselineSettings.Default.Validate());
    }

    [Theory]
    [InlineData(0, 0, 20, 2, "Detector:EnterSeverity")]
    [InlineData(double.NaN, 0, 20, 2, "Detector:EnterSeverity")]
    [InlineData(4, 5, 20, 2, "Detector:ExitSeverity")]
    [InlineData(4, -1, 20, 2, "Detector:ExitSeverity")]
    [InlineData(4, 2, 0, 2, "Detector:MinCount")]
    [InlineData(4, 2, 20, 0.5, "Detector:MinRatio")]
    [InlineData(4, 2, 20, double.NaN, "Detector:MinRatio")]
    public void Detector_problems_name_the_setting(double enter, double exit, int minCount, double minRatio, string setting)
    {
        var problems = new DetectorSettings(enter, exit, minCount, minRatio).Validate().ToList();

        var problem = Assert.Single(problems);
        Assert.StartsWith(setting + " ", problem);
    }

    [Theory]
    [InlineData(0, 60, "Baseline:HalfLifeMinutes")]
    [InlineData(double.NaN, 60, "Baseline:HalfLifeMinutes")]
    [InlineData(20_000, 60, "Baseline:HalfLifeMinutes")]
    [InlineData(30, 59, "Baseline:WarmupSeconds")]
    [InlineData(30, 86_401, "Baseline:WarmupSeconds")]
    public void Baseline_problems_name_the_setting(double halfLife, int warmup, string setting)
    {
        var problem = Assert.Single(new BaselineSettings(halfLife, warmup).Validate());

        Assert.StartsWith(setting + " ", problem);
    }

    [Theory]
    [InlineData(1, 14, "us", "Baseline:AdoptShiftAfterMinutes")]
    [InlineData(20_000, 14, "us", "Baseline:AdoptShiftAfterMinutes")]
    [InlineData(60, 0, "us", "Baseline:ProfileHalfLifeDays")]
    [InlineData(60, double.NaN, "us", "Baseline:ProfileHalfLifeDays")]
    [InlineData(60, 14, "mars", "Baseline:Holidays")]
    public void Seasonal_baseline_problems_name_the_setting(double adoptAfter, double profileHalfLife, string holidays, string setting)
    {
        var settings = new BaselineSettings(AdoptShiftAfterMinutes: adoptAfter, ProfileHalfLifeDays: profileHalfLife, Holidays: holidays);

        var problem = Assert.Single(settings.Validate());

        Assert.StartsWith(setting + " ", problem);
    }

    [Fact]
    public void The_prefix_is_the_configuration_section()
    {
        var problem = Assert.Single(new DetectorSettings(MinCount: 0).Validate("Holler:Detector"));

        Assert.StartsWith("Holler:Detector:MinCount ", problem);
        Assert.Contains("was 0", problem);
    }

    [Fact]
    public void Every_problem_is_reported_at_once() =>
        Assert.Equal(4, new DetectorSettings(-1, -1, 0, 0).Validate().Count());
}
