using Holler.Domain.Replay;

namespace Holler.Tests.Domain.Replay;

public class SeriesCalibrationTests
{
    [Theory]
    [InlineData(5, 6, 12)] // the design example: 30 min half-life on a 5-minute series is 6 rows
    [InlineData(1, 30, 60)] // a 1-minute series behaves like the online per-minute baseline
    [InlineData(7, 30.0 / 7, 9)] // a warm-up that is not a whole number of rows rounds up
    [InlineData(120, 0.25, 1)] // at least one warm-up row
    public void Defaults_become_rows_by_the_interval(double intervalMinutes, double halfLifeRows, int warmupRows)
    {
        var calibration = SeriesCalibration.For(TimeSpan.FromMinutes(intervalMinutes), SeriesDetectorOptions.Default);

        Assert.Equal(halfLifeRows, calibration.HalfLifeRows, 9);
        Assert.Equal(warmupRows, calibration.WarmupRows);
    }

    [Fact]
    public void No_warm_up_still_learns_one_row()
    {
        var options = SeriesDetectorOptions.Default with { Warmup = TimeSpan.Zero };

        Assert.Equal(1, SeriesCalibration.For(TimeSpan.FromMinutes(5), options).WarmupRows);
    }

    [Fact]
    public void The_interval_is_the_median_gap()
    {
        var t = SyntheticSeries.Start;
        DateTimeOffset[] odd = [t, t.AddMinutes(1), t.AddMinutes(2), t.AddMinutes(30)];
        DateTimeOffset[] even = [t, t.AddMinutes(1), t.AddMinutes(3)];

        Assert.Equal(TimeSpan.FromMinutes(1), SeriesCalibration.DetectInterval(odd));
        Assert.Equal(TimeSpan.FromSeconds(90), SeriesCalibration.DetectInterval(even));
        Assert.Null(SeriesCalibration.DetectInterval([t]));
        Assert.Null(SeriesCalibration.DetectInterval([]));
    }

    [Theory]
    [InlineData(0, 60, "Detect:HalfLife")]
    [InlineData(30, -1, "Detect:Warmup")]
    public void Option_problems_name_the_option(int halfLifeMinutes, int warmupMinutes, string setting)
    {
        var options = SeriesDetectorOptions.Default with
        {
            HalfLife = TimeSpan.FromMinutes(halfLifeMinutes),
            Warmup = TimeSpan.FromMinutes(warmupMinutes),
        };

        Assert.StartsWith(setting + " ", Assert.Single(options.Validate()));
    }

    [Fact]
    public void Only_the_enter_score_of_the_detector_settings_is_checked()
    {
        // An exit score above the enter score would be invalid online, but a per-row score has no exit.
        var options = SeriesDetectorOptions.Default with { EnterScore = 1 };
        Assert.Empty(options.Validate());

        var bad = SeriesDetectorOptions.Default with { EnterScore = 0 };
        Assert.StartsWith("Detect:EnterScore ", Assert.Single(bad.Validate()));
    }
}
