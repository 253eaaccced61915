using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Holler.Alerts;
using Holler.Domain.Alerts;
using Holler.Generation;
using Holler.Kafka;
using Holler.Tests.Support;

namespace Holler.Tests.EndToEnd;

/// <summary>
/// The alerts' webhook receiver goes away for a minute while surges keep coming, then comes back on the same address:
/// every notification the alerts singleton handed to delivery reaches it after it returns, none twice. The ingest rate
/// before and during the outage is measured and printed (a timing goal, so `holler bench` holds it, not this test).
/// </summary>
public sealed class AlertReceiverOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan EventTime = TimeSpan.FromMinutes(25);
    /// <summary>Ingest's rate before the outage is taken over this long, once ingest has run at least this long.</summary>
    private static readonly TimeSpan BeforeOutage = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Notifications_made_while_the_receiver_is_down_for_a_minute_all_arrive_once_after_it_returns()
    {
        var token = TestContext.Current.CancellationToken;
        var wall = Stopwatch.StartNew();
        var port = FreePort();
        var before = await WebhookReceiver.StartAsync(AlertRules.Secret, port);
        var beforeStopped = false;
        WebhookReceiver? after = null;
        try
        {
            using var broker = EmbeddedKafka.Start();
            using var data = new TempDir();
            // Retries every second or few, so the first after the receiver returns comes soon.
            await using var node = await TestNodes.StartAsync(TestNodes.Config(broker.BootstrapServers, data.Path, businesses: 2000, o =>
            {
                AlertRules.WebhookTo(o, before.Url, groupWindowSeconds: 2);
                o.Alerts.RetryFirst = "1s";
                o.Alerts.RetryMax = "4s";
            }));
            var rule = await AlertRules.AddAllSurgesAsync(node);

            // Events produced and applied, four times a second, for the rates before and during the outage.
            var produced = new LatestProduced();
            var samples = new ConcurrentQueue<Sample>();
            using var sampling = CancellationTokenSource.CreateLinkedTokenSource(token);
            var sampler = SampleAsync(node.Metrics, produced, wall, samples, sampling.Token);

            // 200 events/s compressed 20× (4,000 on the wire), a surge every 3 s of wall time: the outage sees many.
            var generatorStarted = wall.Elapsed;
            var generating = TrafficGenerator.RunAsync(new GeneratorOptions
            {
                BootstrapServers = broker.BootstrapServers,
                Speedup = 20,
                Plan = new GeneratorSettings
                {
                    Businesses = node.Catalog,
                    BusinessCount = node.Catalog.Count,
                    EventsPerSecond = 200,
                    Seed = 23,
                    StartMs = DateTimeOffset.UtcNow.Add(-EventTime).ToUnixTimeMilliseconds(),
                    DurationMs = (long)EventTime.TotalMilliseconds,
                    FirstSurgeAfter = TimeSpan.FromMinutes(2),
                    SurgeEvery = TimeSpan.FromSeconds(60),
                    SurgeDuration = TimeSpan.FromSeconds(90),
                    DailyRhythm = false,
                },
            }, produced, token);

            // The receiver goes down once it has taken a notification (so deliveries before the outage are in the count
            // too) and ingest has run for a while (a before to compare the outage's ingest rate with).
            await Eventually.Until(() => Task.FromResult((Accepted: before.Accepted.Count, Ingesting: IngestingFor(samples))),
                s => s.Accepted > 0 && s.Ingesting >= BeforeOutage, TimeSpan.FromMinutes(1),
                s => $"{s.Accepted} notifications taken, ingesting for {s.Ingesting.TotalSeconds:F0} s before the outage");
            await before.DisposeAsync();
            beforeStopped = true;
            var outageStarted = wall.Elapsed;
            var startedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            // Not synchronisation: the outage is the scenario, a minute of the port refusing connections.
            await Task.Delay(Outage, token);
            var endedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            after = await WebhookReceiver.StartAsync(AlertRules.Secret, port);
            var outageEnded = wall.Elapsed;
            await Eventually.Until(() => Task.FromResult(after.Accepted.Count), n => n > 0, TimeSpan.FromSeconds(30),
                _ => "nothing delivered after the receiver came back");
            var firstAfterReturn = wall.Elapsed - outageEnded;

            var result = await generating;
            var generatorEnded = wall.Elapsed;
            Assert.Equal(0, result.Errors);
            var sent = result.DeliveredPerBusiness.Values.Sum();
            await Eventually.Until(() => Task.FromResult(node.Metrics.Applied), applied => applied >= sent, TimeSpan.FromMinutes(1),
                applied => $"{applied:N0} of {sent:N0} events applied");
            await sampling.CancelAsync();
            await sampler;

            // Every alert whose firing (or resolve) was handed to delivery is listed by a notification the receiver took.
            var alerts = node.Registry.Get<AlertsActor>();
            var received = AlertWebhookLog.Accepted(before.Requests);
            var (book, delivered) = await Eventually.Until(async () =>
                {
                    var list = await alerts.Ask<AlertListReply>(new GetAlerts(new AlertFilter(RuleId: rule.Id, Limit: 10_000)), TimeSpan.FromSeconds(10), token);
                    return (list.Alerts, Listed: received.Concat(AlertWebhookLog.Accepted(after.Requests)).ToList());
                },
                state => Undelivered(state.Alerts, state.Listed).Count == 0,
                TimeSpan.FromMinutes(1),
                state => $"{Undelivered(state.Alerts, state.Listed).Count} of {state.Alerts.Count} alerts' notifications not received: "
                         + string.Join(", ", Undelivered(state.Alerts, state.Listed).Take(5)));

            // The outage mattered: alerts fired while the receiver was down and their notifications came after it was back.
            var firedDuringOutage = book.Where(a => a.FiringNotified && a.FiredMs >= startedMs && a.FiredMs < endedMs).ToList();
            Assert.NotEmpty(firedDuringOutage);
            var afterListed = AlertWebhookLog.Accepted(after.Requests);
            Assert.All(firedDuringOutage, a => Assert.Contains(afterListed, l => l.Transition == "firing" && l.BusinessId == a.BusinessId
                                                                                && l.SinceMs == a.Business.SinceMs));

            // None twice: no key was taken twice, and no episode's transition was told under two keys.
            var requests = before.Requests.Concat(after.Requests).ToList();
            Assert.All(requests, r => Assert.True(r.SignatureValid, $"signature of {r.Key} not valid"));
            var keys = requests.Where(r => r.Status == 200).Select(r => r.Key).ToList();
            Assert.Equal(keys.Count, keys.Distinct().Count());
            var told = delivered.Select(l => (l.Transition, l.BusinessId, l.SinceMs)).ToList();
            Assert.Equal(told.Count, told.Distinct().Count());

            var duringEnd = outageEnded < generatorEnded ? outageEnded : generatorEnded;
            var beforeRate = Rate(samples, outageStarted - BeforeOutage, outageStarted, s => s.Applied);
            var duringRate = Rate(samples, outageStarted, duringEnd, s => s.Applied);
            var producedBefore = Rate(samples, outageStarted - BeforeOutage, outageStarted, s => s.Produced);
            var producedDuring = Rate(samples, outageStarted, duringEnd, s => s.Produced);
            output.WriteLine($"{result.Sent:N0} events, {result.Surges.Count} surges injected; {book.Count} alerts, {firedDuringOutage.Count} fired during "
                             + $"the {Outage.TotalSeconds:F0} s outage; {before.Requests.Count} notifications before it, {after.Requests.Count} after "
                             + $"(the first {firstAfterReturn.TotalSeconds:F1} s after it returned); ingest {beforeRate:N0} events/s in the "
                             + $"{BeforeOutage.TotalSeconds:F0} s before the outage, {duringRate:N0} during it ({(duringRate / beforeRate - 1) * 100:+0.0;-0.0} %), "
                             + $"with the generator producing {producedBefore:N0} and {producedDuring:N0}; lag {Lag(samples, outageStarted):N0} events at the "
                             + $"outage's start, {Lag(samples, duringEnd):N0} at its end; generator {generatorStarted.TotalSeconds:F0}–"
                             + $"{generatorEnded.TotalSeconds:F0} s, outage {outageStarted.TotalSeconds:F0}–{outageEnded.TotalSeconds:F0} s, total {wall.Elapsed.TotalSeconds:F0} s");
        }
        finally
        {
            if (!beforeStopped) await before.DisposeAsync();
            if (after is not null) await after.DisposeAsync();
        }
    }

    /// <summary>Alerts handed to delivery (firing, or resolve) that no received notification lists.</summary>
    private static List<string> Undelivered(IReadOnlyList<Alert> alerts, IReadOnlyList<AlertWebhookLog.Listed> listed)
    {
        var told = listed.Select(l => (l.Transition, l.BusinessId, l.SinceMs)).ToHashSet();
        return alerts.SelectMany(a => new[]
            {
                a.FiringNotified && !told.Contains(("firing", a.BusinessId, a.Business.SinceMs)) ? $"{a.Id} firing" : null,
                a.ResolveNotified && !told.Contains(("resolved", a.BusinessId, a.Business.SinceMs)) ? $"{a.Id} resolved" : null,
            })
            .OfType<string>().ToList();
    }

    private sealed record Sample(TimeSpan At, long Applied, long Produced);

    /// <summary>The generator's latest count of events handed to the producer (it reports about once a second).</summary>
    private sealed class LatestProduced : IProgress<GeneratorProgress>
    {
        private long _produced;
        public long Value => Interlocked.Read(ref _produced);
        public void Report(GeneratorProgress value) => Interlocked.Exchange(ref _produced, value.Produced);
    }

    private static async Task SampleAsync(Holler.Ingest.IngestMetrics metrics, LatestProduced produced, Stopwatch wall,
        ConcurrentQueue<Sample> samples, CancellationToken token)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            do samples.Enqueue(new Sample(wall.Elapsed, metrics.Applied, produced.Value));
            while (await timer.WaitForNextTickAsync(token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>How long events have been applied, by the samples so far.</summary>
    private static TimeSpan IngestingFor(IEnumerable<Sample> samples)
    {
        var list = samples.ToList();
        return list.FirstOrDefault(s => s.Applied > 0) is { } first ? list[^1].At - first.At : TimeSpan.Zero;
    }

    /// <summary>A count's growth per second between two moments.</summary>
    private static double Rate(IEnumerable<Sample> samples, TimeSpan from, TimeSpan to, Func<Sample, long> count)
    {
        var window = samples.Where(s => s.At >= from && s.At <= to).ToList();
        if (window.Count < 2) return double.NaN;
        return (count(window[^1]) - count(window[0])) / (window[^1].At - window[0].At).TotalSeconds;
    }

    private static long Lag(IEnumerable<Sample> samples, TimeSpan at) =>
        samples.LastOrDefault(s => s.At <= at) is { } sample ? sample.Produced - sample.Applied : 0;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
