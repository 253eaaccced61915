using System.Diagnostics;
using Holler.Domain.Detection;
using Holler.Generation;
using Holler.Kafka;
using Holler.Tests.Support;

namespace Holler.Tests.EndToEnd;

/// <summary>
/// Detection through the whole pipeline at the size of a dev node: 20,000 businesses in the daily rhythm for 30 minutes
/// of event time, from a cold start. Every injected surge must rank; surges of businesses nobody injected must stay
/// within what the documented false-alarm rate allows.
/// </summary>
public sealed class DetectionEndToEndTests(ITestOutputHelper output)
{
    private const int Businesses = 20_000;
    private static readonly TimeSpan EventTime = TimeSpan.FromMinutes(FalseAlarmRates.ColdStartMinutes);

    /// <summary>The chance the test may fail with a detector that does exactly as documented: never, in practice.</summary>
    private const double MissProbability = 1e-9;

    [Fact]
    public async Task Thirty_minutes_of_twenty_thousand_businesses_rank_every_injected_surge_and_few_others()
    {
        var token = TestContext.Current.CancellationToken;
        var wall = Stopwatch.StartNew();
        using var broker = EmbeddedKafka.Start();
        using var data = new TempDir();
        // A board big enough to show every surging business, so no false surge hides below the top 10.
        await using var node = await TestNodes.StartAsync(
            TestNodes.Config(broker.BootstrapServers, data.Path, Businesses, o => o.Leaderboard.Size = 1000));
        var published = await LeaderboardRecording.StartAsync(node.System);

        // 150 events/s in event time (before the rhythm), compressed 20×: at most ~4,200 events/s on the wire at the
        // rhythm's afternoon peak, which the node keeps up with on two shared cores (the embedded broker keeps only a
        // few MB a partition: a node falling behind would lose events, checked below). Event time ends about now, as
        // trackers expect of live traffic.
        var plan = new GeneratorSettings
        {
            Businesses = node.Catalog,
            BusinessCount = node.Catalog.Count,
            EventsPerSecond = 150,
            Seed = 13,
            StartMs = DateTimeOffset.UtcNow.Add(-EventTime).ToUnixTimeMilliseconds(),
            DurationMs = (long)EventTime.TotalMilliseconds,
            FirstSurgeAfter = TimeSpan.FromMinutes(2),
            SurgeEvery = TimeSpan.FromSeconds(75),
            SurgeDuration = TimeSpan.FromSeconds(90),
            DailyRhythm = true,
        };
        var result = await TrafficGenerator.RunAsync(new GeneratorOptions
        {
            BootstrapServers = broker.BootstrapServers,
            Speedup = 20,
            Plan = plan,
        }, cancellationToken: token);
        var generated = wall.Elapsed;

        Assert.Equal(0, result.Errors);
        Assert.True(result.Surges.Count >= 20, $"{result.Surges.Count} surges");
        var sent = result.DeliveredPerBusiness.Values.Sum();
        await Eventually.Until(() => Task.FromResult(node.Metrics.Applied), applied => applied >= sent, TimeSpan.FromMinutes(2),
            applied => $"{applied:N0} of {sent:N0} events applied");
        Assert.Equal(0, node.Metrics.SkippedOffsets);
        Assert.Equal(0, node.Metrics.Rejected.Total);

        // Every injected surge ranks, as an episode that started during it (or within the window's 60 s after).
        var episodes = published.SelectMany(p => p.Top).Select(e => (e.BusinessId, e.SinceMs)).ToHashSet();
        var missed = result.Surges.Where(s => !episodes.Any(e => e.BusinessId == s.BusinessId
            && e.SinceMs >= s.Start.ToUnixTimeMilliseconds() - 1000 && e.SinceMs <= s.End.ToUnixTimeMilliseconds() + 60_000)).ToList();
        Assert.True(missed.Count == 0, $"{missed.Count} of {result.Surges.Count} injected surges never ranked: "
                                       + string.Join(", ", missed.Take(5).Select(s => $"{s.BusinessId} at {s.Start:HH:mm:ss}")));

        // The others: every episode of a business nobody injected is a false surge.
        var injected = result.Surges.Select(s => s.BusinessId).ToHashSet();
        var falseSurges = episodes.Where(e => !injected.Contains(e.BusinessId)).ToList();
        var (bound, businessWeeks, expected) = FalseSurgeBound.ColdStart(plan, EventTime, MissProbability);
        output.WriteLine($"{result.Sent:N0} events, {result.Surges.Count} surges injected, all ranked; {falseSurges.Count} false surges "
                         + $"(bound {bound}: {businessWeeks:F1} business-weeks at {FalseAlarmRates.ColdStartSurgesPer100BusinessWeeks} "
                         + $"per 100 expect {expected:F2}); generator {generated.TotalSeconds:F0} s, total {wall.Elapsed.TotalSeconds:F0} s");
        Assert.True(falseSurges.Count <= bound, $"{falseSurges.Count} false surges, more than {bound}: "
                                                + string.Join(", ", falseSurges.Take(10).Select(e => $"{e.BusinessId} since {DateTimeOffset.FromUnixTimeMilliseconds(e.SinceMs):HH:mm:ss}")));
    }
}
