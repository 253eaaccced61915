using Holler.Domain.Detection;
using Holler.Domain.Replay;

namespace Holler.Tests.Domain.Detection;

public class NormalTailTests
{
    [Theory]
    [InlineData(0, 0.30103)]
    [InlineData(2, 1.64302)]
    [InlineData(4, 4.49933)]     // Q(4) = 3.16712e-5
    [InlineData(8, 15.2061)]     // Q(8) = 6.22096e-16
    [InlineData(40, 349.437)]    // beyond where erfc underflows: the continued fraction
    public void Matches_the_normal_distribution_far_into_the_tail(double z, double expected) =>
        Assert.Equal(expected, NormalTail.Log10Upper(z), expected * 1e-4);

    [Fact]
    public void Is_strictly_increasing_and_finite_for_every_finite_deviation()
    {
        var previous = double.NegativeInfinity;
        for (var z = -10.0; z < 2000; z += z < 50 ? 0.01 : 1)
        {
            var severity = NormalTail.Log10Upper(z);
            Assert.True(double.IsFinite(severity), $"z {z}: {severity}");
            if (z > -5) Assert.True(severity > previous, $"z {z}: {severity} after {previous}");
            previous = severity;
        }
    }

    [Fact]
    public void A_score_is_strictly_increasing_in_severity_and_never_1()
    {
        Assert.Equal(0.5, AnomalyScore.FromSeverity(7, 7), 12);
        var previous = 0.0;
        foreach (var severity in new[] { 0.1, 1, 6.99, 7, 7.01, 50, 1e3, 1e6, 1e9, 1e12 })
        {
            var score = AnomalyScore.FromSeverity(severity, 7);
            Assert.True(score > previous && score < 1, $"{severity}: {score:R}");
            previous = score;
        }
        Assert.True(AnomalyScore.FromSeverity(1e300, 7) < 1);
    }
}
