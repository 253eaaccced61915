using Holler.Domain.Evaluation;
using Holler.Domain.Surges;

namespace Holler.Tests.Domain.Evaluation;

public class ColdStartSimulationTests
{
    [Fact]
    public void Counts_every_episode_as_false_and_none_before_the_first_window_is_learned()
    {
        // A threshold low enough that ordinary noise alarms, so the counting is seen to work on a few seconds of CPU.
        // The figures docs/detection.md reports come from the same code at the defaults (holler evaluate --cold-start).
        var result = ColdStartSimulation.Run(new ColdStartSimulation.Options(Businesses: 480, Minutes: 10, Starts: 24,
            Detector: new DetectorSettings(EnterSeverity: 2, ExitSeverity: 1, MinCount: 5, MinRatio: 1.2)));

        Assert.Equal(480, result.Bands.Sum(b => b.Businesses));
        Assert.Equal(480 * 10 / (7.0 * 24 * 60), result.BusinessWeeks, 9);
        Assert.True(result.FalseSurges > 0, "nothing alarmed at severity 2");
        Assert.Equal(result.FalseSurges, result.FalseSurgesByLocalHour.Sum());
        Assert.Equal(result.FalseSurges, result.FalseSurgesByMinute.Sum());
        // Warm-up: nothing can start until a business's first 60 seconds are learned.
        Assert.Equal(0, result.FalseSurgesByMinute[0]);
        Assert.Equal(0, result.FalseDrops); // surges only are watched by default
    }

    [Fact]
    public void The_same_seed_gives_the_same_count()
    {
        var options = new ColdStartSimulation.Options(Businesses: 240, Minutes: 6, Starts: 24,
            Detector: new DetectorSettings(EnterSeverity: 2, ExitSeverity: 1, MinCount: 5, MinRatio: 1.2));

        Assert.Equal(ColdStartSimulation.Run(options).FalseSurgesByMinute, ColdStartSimulation.Run(options).FalseSurgesByMinute);
    }
}
