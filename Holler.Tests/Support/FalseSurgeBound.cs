using Holler.Domain.Detection;
using Holler.Generation;

namespace Holler.Tests.Support;

/// <summary>
/// The most false surges the documented cold-start rate allows in a generated run. The rate is per business-week of
/// businesses at 1 to 1,000 events a minute, the population it was measured on; quieter businesses are left out
/// (a window of 20 events, the least that can surge, is out of reach by chance below one a minute) and busier
/// ones counted in. Its expectation λ is that rate times these business-weeks; the bound is the smallest k with
/// P(Poisson(λ) &gt; k) ≤ the miss probability, so a detector doing as documented fails a test using it about that
/// often, while one raising several times the documented rate fails it.
/// </summary>
public static class FalseSurgeBound
{
    public sealed record Bound(int Count, double BusinessWeeks, double Expected);

    public static Bound ColdStart(GeneratorSettings settings, TimeSpan eventTime, double missProbability)
    {
        var plan = new TrafficPlan(settings);
        var watched = Enumerable.Range(0, plan.Catalog.Count)
            .Count(b => plan.NormalRate(b, plan.StartMs) * 60 >= 1);
        var businessWeeks = watched * eventTime.TotalMinutes / (7 * 24 * 60);
        var expected = FalseAlarmRates.ColdStartSurgesPer100BusinessWeeks * businessWeeks / 100;
        return new Bound(PoissonUpperQuantile(expected, missProbability), businessWeeks, expected);
    }

    private static int PoissonUpperQuantile(double mean, double miss)
    {
        var term = Math.Exp(-mean);
        var cumulative = term;
        var k = 0;
        while (1 - cumulative > miss)
        {
            k++;
            term *= mean / k;
            cumulative += term;
        }
        return k;
    }
}
