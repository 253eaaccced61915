using Holler.Domain.Replay;

namespace Holler.Tests.Domain.Replay;

public class AnomalyScoreTests
{
    [Fact]
    public void The_enter_score_maps_to_one_minus_one_over_e() =>
        Assert.Equal(1 - Math.Exp(-1), AnomalyScore.FromZ(4, 4), 12);

    [Fact]
    public void No_deviation_scores_zero() => Assert.Equal(0, AnomalyScore.FromZ(0, 4));

    [Fact]
    public void Rises_approach_one_and_drops_approach_one_half()
    {
        Assert.Equal(1, AnomalyScore.FromZ(1000, 4), 9);
        Assert.Equal(0.5, AnomalyScore.FromZ(-1000, 4), 9);
        Assert.Equal(0.5 * (1 - Math.Exp(-1)), AnomalyScore.FromZ(-4, 4), 12);
    }

    [Fact]
    public void Larger_deviations_score_higher_in_each_direction()
    {
        var zs = Enumerable.Range(1, 200).Select(i => i * 0.1).ToList();

        Assert.Equal(zs.Select(z => AnomalyScore.FromZ(z, 4)).Order(), zs.Select(z => AnomalyScore.FromZ(z, 4)));
        Assert.Equal(zs.Select(z => AnomalyScore.FromZ(-z, 4)).Order(), zs.Select(z => AnomalyScore.FromZ(-z, 4)));
    }
}
