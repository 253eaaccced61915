using System.Diagnostics;
using System.Net.Http.Json;
using Holler.Alerts;
using Holler.Domain.Catalog;
using Holler.Host.Configuration;
using Holler.Host.Operator;
using Holler.Host.Operator.Api;
using Holler.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace Holler.Host.Commands.Bench;

/// <param name="Receiver">What the webhook receiver did during the phase.</param>
/// <param name="EventsPerSecond">Events the trackers applied per second during the phase.</param>
/// <param name="CpuMicrosPerEvent">The node's CPU (this process) per applied event.</param>
/// <param name="Answered">Notifications the receiver answered 200 during the phase.</param>
public sealed record AlertsPhase(string Receiver, double Seconds, double EventsPerSecond, double CpuMicrosPerEvent, long Answered);

/// <param name="OfferedRate">Events per second the producer offered throughout.</param>
/// <param name="FiredPerSecond">Alerts fired per second over the run (the rule's churn; see the scenario).</param>
public sealed record AlertsResult(int Businesses, double OfferedRate, double FiredPerSecond, IReadOnlyList<AlertsPhase> Phases)
{
    private IEnumerable<AlertsPhase> Failing => Phases.Skip(1).Where(p => p.Receiver != nameof(ReceiverMode.Answering).ToLowerInvariant());

    /// <summary>The slowest phase with a failing receiver against the first (answering) phase.</summary>
    public double WorstRatio => Phases.Count < 2 || Phases[0].EventsPerSecond <= 0 ? 0
        : Failing.Select(p => p.EventsPerSecond / Phases[0].EventsPerSecond).DefaultIfEmpty(0).Min();

    /// <summary>The costliest phase with a failing receiver, CPU per event against the first phase: unlike the rate, not
    /// moved by other work on the machine.</summary>
    public double WorstCpuRatio => Phases.Count < 2 || Phases[0].CpuMicrosPerEvent <= 0 ? 0
        : Failing.Select(p => p.CpuMicrosPerEvent / Phases[0].CpuMicrosPerEvent).DefaultIfEmpty(0).Max();
}

/// <summary>
/// alerts: a node ingesting from the embedded broker at a fixed rate, with a rule that keeps alerts firing and resolving
/// and a webhook channel, while the receiver answers, hangs (accepts and never answers, so every send waits out
/// Alerts:Timeout), refuses connections, and answers again. A dead receiver must not slow ingestion: the rate applied in
/// each failing phase is compared with the first phase's.
/// </summary>
/// <remarks>The rule "at least 3 events in 1 s, every business" flips businesses whose traffic is around 3 events a
/// second over and back every few seconds, so alerts fire and resolve all the time (the book's worst case), and the
/// outbox has notifications to send in every phase; a one-second group window keeps them coming.</remarks>
public static class AlertsScenario
{
    public static async Task<AlertsResult> RunAsync(BenchSettings settings, IBenchStep step, CancellationToken token)
    {
        step.Report(0, "starting the embedded broker and a receiver");
        var catalog = BusinessCatalog.Synthetic(settings.Businesses);
        var corpus = EventCorpus.Build(catalog, settings.CorpusEvents, settings.Zipf);
        using var broker = EmbeddedKafka.Start();
        await using var receiver = BenchReceiver.Start();
        using var producer = new PacedProducer(broker.BootstrapServers, "bench.alerts", corpus);
        producer.Prime(EventCorpus.Partitions);
        var (node, dataDir) = await BenchNode.StartAsync(settings, settings.Businesses, "ingest,tracker,leaderboard", broker.BootstrapServers, o =>
        {
            o.Kafka.Topic = "bench.alerts";
            o.Alerts.AllowPrivateTargets = true;
            o.Alerts.GroupWindowSeconds = 1;
            o.Alerts.Channels["bench"] = new AlertChannelOptions { Kind = "webhook", Url = receiver.Url, Secret = "bench-secret", RatePerMinute = 6000 };
        }, token);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{node.Endpoints.OperatorPort}") };
            var added = await http.PostAsJsonAsync("/api/alerts/rules",
                new AlertRuleRequest(null, "Bench churn", "all", "rate", null, null, null, null, ["bench"], MinEvents: 3, Window: "1s"),
                OperatorJson.Options, token);
            if (!added.IsSuccessStatusCode)
                throw new InvalidOperationException($"adding the bench rule failed: {(int)added.StatusCode} {await added.Content.ReadAsStringAsync(token)}");

            producer.Rate = settings.ScaleRate;
            producer.Start();
            step.Report(0, $"warming up at {settings.ScaleRate:N0} events/s");
            await Task.Delay(settings.Warmup, token);

            var phases = new List<AlertsPhase>();
            var modes = new[] { ReceiverMode.Answering, ReceiverMode.Silent, ReceiverMode.Refusing, ReceiverMode.Answering };
            var alerts = node.Services.GetRequiredService<AlertMetrics>();
            var firedAtStart = alerts.Fired;
            var clock = Stopwatch.StartNew();
            foreach (var (mode, i) in modes.Select((m, i) => (m, i)))
            {
                receiver.Mode = mode;
                step.Report(i * 100.0 / modes.Length, $"receiver {mode.ToString().ToLowerInvariant()}");
                var start = ProcessStats.Now();
                var applied = node.Metrics.Applied;
                var answered = receiver.Answered;
                await Task.Delay(settings.AlertsPhase, token);
                var delta = ProcessStats.Now() - start;
                var events = node.Metrics.Applied - applied;
                phases.Add(new AlertsPhase(mode.ToString().ToLowerInvariant(), delta.Elapsed.TotalSeconds, events / delta.Elapsed.TotalSeconds,
                    events > 0 ? delta.Cpu.TotalMilliseconds * 1000 / events : 0, receiver.Answered - answered));
            }
            var fired = (alerts.Fired - firedAtStart) / clock.Elapsed.TotalSeconds;
            step.Report(100, "done");
            return new AlertsResult(settings.Businesses, settings.ScaleRate, fired, phases);
        }
        finally
        {
            await BenchNode.StopAsync(node, dataDir);
        }
    }
}
