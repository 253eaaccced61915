using Holler.Domain.Evaluation;

namespace Holler.Tests.Domain.Evaluation;

public class LiveSimulationTests
{
    [Fact]
    public void Busy_businesses_surges_and_drops_are_all_found_and_nothing_else_alarms()
    {
        // 24 businesses for two weeks, second by second: a few seconds of CPU. The figures docs/detection.md reports come
        // from the same code at 1,000 businesses and four weeks (holler evaluate --live 1000 --weeks 4).
        var bands = LiveSimulation.Run(new LiveSimulation.Options(Businesses: 24, Weeks: 2, Seed: 3));

        Assert.Equal(24, bands.Sum(b => b.Businesses));
        Assert.All(bands, b => Assert.Equal(2 * b.Businesses, b.Surges));
        Assert.All(bands, b => Assert.Equal(2 * b.Businesses, b.Drops));
        var busy = bands.Single(b => b.Name.StartsWith("100-"));
        Assert.True(busy.Businesses > 0, "the seed gives the busy band no business");
        Assert.Equal(busy.Surges, busy.SurgesFound);
        Assert.Equal(busy.Drops, busy.DropsFound);
        Assert.Equal(0, bands.Sum(b => b.FalseSurges));
    }
}
