using System.Diagnostics;
using Holler.Domain.Detection;
using Holler.Generation;
using Holler.Kafka;
using Holler.Tests.Support;

namespace Holler.Tests.EndToEnd;

/// <summary>
/// Alerts through the whole pipeline: generated traffic with injected surges → ingest → trackers → the alerts singleton
/// with one rule "all businesses, surge", added with the CLI → its outbox → a signed webhook to a real HTTP receiver.
/// Every injected surge is told once as firing and once as resolved; other firings stay within the detector's
/// documented false-alarm rate.
/// </summary>
public sealed class AlertsEndToEndTests(ITestOutputHelper output)
{
    private const int Businesses = 2000;
    /// <summary>Surges start every <see cref="SurgeEvery"/> and the run ends one period after the last starts, so
    /// each injected surge has ended (by 70 s of event time, more than the detector's window) before the stream does
    /// and its end is seen in the stream, not only by the tracker's quiet slide afterwards.</summary>
    private static readonly TimeSpan FirstSurgeAfter = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan SurgeEvery = TimeSpan.FromSeconds(160);
    private static readonly TimeSpan SurgeDuration = TimeSpan.FromSeconds(90);
    private const int Surges = 7;
    private static readonly TimeSpan EventTime = FirstSurgeAfter + SurgeEvery * Surges;

    /// <summary>The chance the test may fail with a detector that does exactly as documented: never, in practice.</summary>
    private const double MissProbability = 1e-9;

    [Fact]
    public async Task Every_injected_surge_is_notified_once_firing_and_once_resolved_signed_and_other_firings_stay_within_the_false_alarm_rate()
    {
        var token = TestContext.Current.CancellationToken;
        var wall = Stopwatch.StartNew();
        await using var receiver = await WebhookReceiver.StartAsync(AlertRules.Secret);
        using var broker = EmbeddedKafka.Start();
        using var data = new TempDir();
        // A short group window: grouping is exercised (surges overlap with false firings) without holding resolves long.
        await using var node = await TestNodes.StartAsync(TestNodes.Config(broker.BootstrapServers, data.Path, Businesses,
            o => AlertRules.WebhookTo(o, receiver.Url, groupWindowSeconds: 5)));
        var rule = await AlertRules.AddAllSurgesAsync(node);

        // 200 events/s in event time compressed 20× (4,000 events/s on the wire, ~62 s), without the daily rhythm so
        // surges stand out of a steady level; event time ends about now, as trackers expect of live traffic.
        var plan = new GeneratorSettings
        {
            Businesses = node.Catalog,
            BusinessCount = node.Catalog.Count,
            EventsPerSecond = 200,
            Seed = 17,
            StartMs = DateTimeOffset.UtcNow.Add(-EventTime).ToUnixTimeMilliseconds(),
            DurationMs = (long)EventTime.TotalMilliseconds,
            FirstSurgeAfter = FirstSurgeAfter,
            SurgeEvery = SurgeEvery,
            SurgeDuration = SurgeDuration,
            DailyRhythm = false,
        };
        var result = await TrafficGenerator.RunAsync(new GeneratorOptions
        {
            BootstrapServers = broker.BootstrapServers,
            Speedup = 20,
            Plan = plan,
        }, cancellationToken: token);
        var generated = wall.Elapsed;

        Assert.Equal(0, result.Errors);
        Assert.Equal(Surges, result.Surges.Count);
        Assert.All(result.Surges, s => Assert.True(s.End <= DateTimeOffset.FromUnixTimeMilliseconds(result.EventTimeEndMs).AddSeconds(-60)));
        var sent = result.DeliveredPerBusiness.Values.Sum();
        await Eventually.Until(() => Task.FromResult(node.Metrics.Applied), applied => applied >= sent, TimeSpan.FromMinutes(1),
            applied => $"{applied:N0} of {sent:N0} events applied");

        // An episode belongs to an injected surge when it started during it (or within the window's 60 s after).
        bool During(SurgeTruth s, AlertWebhookLog.Listed l) => l.BusinessId == s.BusinessId
            && l.SinceMs >= s.Start.ToUnixTimeMilliseconds() - 1000 && l.SinceMs <= s.End.ToUnixTimeMilliseconds() + 60_000;
        bool Resolves(AlertWebhookLog.Listed firing, AlertWebhookLog.Listed l) =>
            l.Transition == "resolved" && l.BusinessId == firing.BusinessId && l.SinceMs == firing.SinceMs;

        // Wait for every injected surge's firing and its resolve (the episode's end, then the group window).
        var listed = await Eventually.Until(() => Task.FromResult(AlertWebhookLog.Accepted(receiver.Requests)),
            all => result.Surges.All(s => all.Where(l => l.Transition == "firing" && During(s, l)).ToList() is { Count: > 0 } firings
                                          && firings.All(f => all.Any(l => Resolves(f, l)))),
            TimeSpan.FromMinutes(1),
            all => $"{all.Count(l => l.Transition == "firing")} firings and {all.Count(l => l.Transition == "resolved")} resolves listed; waiting for "
                   + string.Join(", ", result.Surges.Where(s => !all.Any(l => l.Transition == "resolved" && During(s, l))).Select(s => s.BusinessId)));

        var requests = receiver.Requests;
        Assert.All(requests, r => Assert.True(r.SignatureValid, $"signature of {r.Key} not valid: {r.Signature}"));
        Assert.All(requests, r => Assert.Equal(200, r.Status));
        var keys = requests.Select(r => r.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Matches(@"^[^.]+\.(firing|resolved)$", k!));

        foreach (var surge in result.Surges)
        {
            var firing = Assert.Single(listed, l => l.Transition == "firing" && During(surge, l));
            Assert.Single(listed, l => Resolves(firing, l));
        }
        // No episode is told twice, injected or not.
        var firingEpisodes = listed.Where(l => l.Transition == "firing").Select(l => (l.BusinessId, l.SinceMs)).ToList();
        Assert.Equal(firingEpisodes.Count, firingEpisodes.Distinct().Count());

        var falseFirings = listed.Where(l => l.Transition == "firing" && !result.Surges.Any(s => During(s, l))).ToList();
        var (bound, businessWeeks, expected) = FalseSurgeBound.ColdStart(plan, EventTime, MissProbability);
        output.WriteLine($"rule {rule.Id}; {result.Sent:N0} events, {result.Surges.Count} surges injected, each notified once firing and once resolved; "
                         + $"{requests.Count} notifications listing {listed.Count} businesses; {falseFirings.Count} other firings (bound {bound}: "
                         + $"{businessWeeks:F2} business-weeks at {FalseAlarmRates.ColdStartSurgesPer100BusinessWeeks} per 100 expect {expected:F2}); "
                         + $"generator {generated.TotalSeconds:F0} s, total {wall.Elapsed.TotalSeconds:F0} s");
        Assert.True(falseFirings.Count <= bound, $"{falseFirings.Count} other firings, more than {bound}: "
                                                 + string.Join(", ", falseFirings.Take(10).Select(l => $"{l.BusinessId} since {DateTimeOffset.FromUnixTimeMilliseconds(l.SinceMs):HH:mm:ss}")));
    }
}
