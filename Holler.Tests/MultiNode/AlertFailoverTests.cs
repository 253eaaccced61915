using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using Holler.Alerts;
using Holler.Domain.Alerts;
using Holler.Generation;
using Holler.Tests.Support;

namespace Holler.Tests.MultiNode;

/// <summary>
/// Once per transition across failover (docs/alerts.md, issue 14's "delivery people can rely on"): the node holding
/// the alerts singleton, and with it the delivery outbox, is SIGKILLed the moment the first firing notification reaches
/// the receiver — inside the window between "sent" and "journalled as delivered". Both recover on the next oldest
/// tracker node from the shared PostgreSQL journal; that surge's firing is then known to the receiver by exactly one
/// idempotency key, and its resolve arrives. A physical re-send of the same key is allowed by the design
/// (at-least-once with an idempotency key) and is printed, not failed.
/// </summary>
[Collection(nameof(CrashTests))]
public sealed class AlertFailoverTests(ITestOutputHelper output)
{
    private const string Secret = "whsec_failover-test";
    private const double Speedup = 5;
    private const double EventsPerSecond = 80;
    private static readonly TimeSpan EventSpan = TimeSpan.FromSeconds(300);

    private sealed record Delivery(string Key, string AlertId, string Transition, string BusinessId, string Since);

    [Fact]
    public async Task The_alerts_node_killed_mid_surge_the_firing_arrives_once_by_key_and_its_resolve_arrives()
    {
        var token = TestContext.Current.CancellationToken;
        var wall = Stopwatch.StartNew();
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var cluster = await CrashCluster.StartAsync(output,
        [
            "Alerts:AllowPrivateTargets=true",
            "Alerts:Channels:hook:Kind=webhook",
            $"Alerts:Channels:hook:Url={receiver.Url}",
            $"Alerts:Channels:hook:Secret={Secret}",
            "Alerts:Channels:hook:RatePerMinute=600",
            // Each alert on its own, at once: the first firing reaches the receiver while its surge still runs.
            "Alerts:GroupWindowSeconds=0",
            "Alerts:RetryFirst=1s",
            "Alerts:RetryMax=5s",
        ]);
        try
        {
            await RunAsync(cluster, receiver, wall, token);
        }
        catch
        {
            cluster.PrintTails(60);
            throw;
        }
        cluster.PrintTails(8);
        cluster.Log($"wall time {wall.Elapsed.TotalSeconds:0.0} s");
    }

    private async Task RunAsync(CrashCluster cluster, WebhookReceiver receiver, Stopwatch wall, CancellationToken token)
    {
        cluster.Log($"cluster up after {wall.Elapsed.TotalSeconds:0.0} s");
        var web = cluster.Web;
        var alerts = web.Registry.Get<AlertsActor>();
        var rule = new AlertRule("all-surges", "All surges", RuleScope.All, new AlertCondition(ConditionKind.Surge, 0),
            TimeSpan.Zero, TimeSpan.Zero, null, ["hook"], null, 0);
        // The singleton may still be starting: ask until it answers.
        await Eventually.Until(async () =>
            {
                try { return await alerts.Ask<AlertsReply>(new AddAlertRule(rule), TimeSpan.FromSeconds(5), token); }
                catch (AskTimeoutException) { return (AlertsReply?)null; }
            },
            reply => reply?.Status == AlertsReplyStatus.Ok, TimeSpan.FromMinutes(1), reply => $"rule not added: {reply?.Error ?? "no answer"}");

        var wallSpan = EventSpan / Speedup;
        var eventTimeStartMs = (DateTimeOffset.UtcNow + wallSpan - EventSpan).ToUnixTimeMilliseconds();
        var generator = TrafficGenerator.RunAsync(new GeneratorOptions
        {
            BootstrapServers = cluster.Bootstrap,
            Speedup = Speedup,
            Plan = new GeneratorSettings
            {
                Businesses = web.Catalog,
                BusinessCount = web.Catalog.Count,
                EventsPerSecond = EventsPerSecond,
                Seed = 5,
                StartMs = eventTimeStartMs,
                DurationMs = (long)EventSpan.TotalMilliseconds,
                FirstSurgeAfter = TimeSpan.FromSeconds(75),
                SurgeEvery = TimeSpan.FromSeconds(30),
                // 200 s of event time is 40 s of wall time: the surge outlasts the kill, and ends before the stream does.
                SurgeDuration = TimeSpan.FromSeconds(200),
                DailyRhythm = false,
            },
        }, cancellationToken: token);

        // Killed as soon as the first firing arrives, before the receiver has even answered it.
        var first = await Eventually.Until(() => Task.FromResult(Deliveries(receiver).FirstOrDefault(d => d.Transition == "firing")),
            d => d is not null, TimeSpan.FromMinutes(2), _ => $"no firing yet ({receiver.Arrived} requests)");
        var holder = cluster.OldestNodeWith(AlertsSetup.Role);
        var victim = cluster.Nodes.Single(n => n.Address == holder);
        var sinceKill = Stopwatch.StartNew();
        victim.Process.Kill();
        cluster.Log($"first firing {first!.Key} ({first.BusinessId}); killed {victim.Process.Name} ({victim.Address}), holding the alerts singleton");
        Assert.False(generator.IsCompleted, "the kill must come mid-stream");

        var resolvedKey = $"{first.AlertId}.resolved";
        await Eventually.Until(() => Task.FromResult(receiver.Accepted.Contains(resolvedKey)), seen => seen, TimeSpan.FromMinutes(3),
            _ => $"no {resolvedKey}; keys so far: {string.Join(", ", receiver.Accepted.Distinct())}");
        cluster.Log($"{resolvedKey} accepted {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill");
        var newHolder = cluster.OldestNodeWith(AlertsSetup.Role);
        Assert.NotEqual(victim.Address, newHolder);

        var result = await generator;
        Assert.Equal(0, result.Errors);

        var requests = receiver.Requests;
        Assert.All(requests, r => Assert.True(r.SignatureValid, $"bad signature on {r.Key}"));
        var deliveries = Deliveries(receiver);
        // That surge (its business's episode) was announced under one key, whatever was re-sent after the kill.
        var firingKeys = deliveries.Where(d => d.Transition == "firing" && d.BusinessId == first.BusinessId && d.Since == first.Since)
            .Select(d => d.Key).Distinct().ToList();
        Assert.Equal([first.Key], firingKeys);
        Assert.Contains(receiver.Accepted, k => k == first.Key);
        // Every key names one transition of one alert: no alert was opened twice for one episode anywhere.
        var episodes = deliveries.Where(d => d.Transition == "firing").GroupBy(d => (d.BusinessId, d.Since))
            .Where(g => g.Select(d => d.Key).Distinct().Count() > 1).Select(g => g.Key).ToList();
        Assert.True(episodes.Count == 0, "episodes fired under several keys: " + string.Join(", ", episodes));

        var physical = requests.Count(r => r.Key == first.Key);
        var resent = requests.GroupBy(r => r.Key).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").ToList();
        cluster.Log($"{requests.Count} requests, {requests.Select(r => r.Key).Distinct().Count()} keys; {first.Key} arrived {physical}× " +
                    $"(re-sent keys: {(resent.Count == 0 ? "none" : string.Join(", ", resent))}); " +
                    $"{result.Surges.Count} injected surges, {first.BusinessId} {(result.Surges.Any(s => s.BusinessId == first.BusinessId) ? "was" : "was not")} one of them");
    }

    private static List<Delivery> Deliveries(WebhookReceiver receiver) =>
        receiver.Requests.Where(r => r.Key is not null).Select(r =>
        {
            using var body = JsonDocument.Parse(r.Body);
            var root = body.RootElement;
            var business = root.GetProperty("businesses")[0];
            return new Delivery(r.Key!, root.GetProperty("alertId").GetString()!, root.GetProperty("transition").GetString()!,
                business.GetProperty("id").GetString()!, business.GetProperty("since").GetString()!);
        }).ToList();
}
