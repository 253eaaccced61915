using System.Diagnostics;
using System.Globalization;
using Holler.Domain.Catalog;
using Holler.Kafka;

namespace Holler.Host.Commands.Bench;

/// <summary>
/// freshness: background traffic at a fixed offered rate through the embedded broker into a node, and once a second a
/// probe: a quiet business with a learned baseline suddenly gets a burst. The latency is from the burst being produced
/// to each stage first showing the business (the leaderboard publication on DistributedPubSub; the dashboard feed
/// can be added as another stage of <see cref="FreshnessClock"/>).
/// </summary>
public static class FreshnessScenario
{
    private const int ProbeBurst = 200;
    private const int WarmupSeconds = 150;
    private const int LeaderboardSize = 1000;

    public static async Task<FreshnessResult> RunAsync(BenchSettings settings, double rate, IBenchStep step, CancellationToken token)
    {
        var c = CultureInfo.InvariantCulture;
        step.Report(0, "starting the embedded broker and a node");
        var catalog = BusinessCatalog.Synthetic(settings.Businesses);
        // Probes: the last businesses of the catalog, which the background traffic never touches.
        var probeCount = (int)Math.Ceiling(settings.FreshnessDuration.TotalSeconds);
        if (probeCount > catalog.Count / 2) throw new InvalidOperationException("more probes than half the businesses; use more businesses or a shorter run");
        var corpus = EventCorpus.Build(catalog, settings.CorpusEvents, settings.Zipf, reserve: probeCount);
        using var broker = EmbeddedKafka.Start();
        using var producer = new PacedProducer(broker.BootstrapServers, "bench.fresh", corpus);
        producer.Prime(EventCorpus.Partitions);
        var (node, dataDir) = await BenchNode.StartAsync(settings, settings.Businesses, "ingest,tracker,leaderboard", broker.BootstrapServers,
            o =>
            {
                o.Kafka.Topic = "bench.fresh";
                // Every probe must be able to show, not only the top 10.
                o.Leaderboard.Size = LeaderboardSize;
            }, token);
        try
        {
            var clock = new FreshnessClock();
            await LeaderboardStages.StartAsync(node.System, clock);

            // Each probe gets a baseline of one event a second, in the past, before the background traffic starts.
            var probes = Enumerable.Range(catalog.Count - probeCount, probeCount).ToList();
            step.Report(2, $"warming up {probes.Count} probe businesses");
            var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var probe in probes)
                for (var s = WarmupSeconds; s >= 1; s--) producer.Burst(probe, nowMs - s * 1000L, 1);
            producer.Flush();
            var expected = EventCorpus.Partitions + (long)probes.Count * WarmupSeconds;
            var wait = Stopwatch.StartNew();
            while (node.Metrics.Applied < expected)
            {
                if (wait.Elapsed > TimeSpan.FromSeconds(90)) throw new TimeoutException($"probe warm-up: {node.Metrics.Applied:N0} of {expected:N0} applied after 90 s");
                await Task.Delay(100, token);
            }

            producer.Rate = rate;
            producer.Start();
            await Task.Delay(TimeSpan.FromSeconds(3), token);
            var appliedAtStart = node.Metrics.Applied;
            var run = Stopwatch.StartNew();
            for (var i = 0; i < probes.Count; i++)
            {
                producer.Burst(probes[i], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ProbeBurst);
                clock.Produced(catalog[probes[i]].Id);
                var seen = clock.Summarise(FreshnessStages.Leaderboard);
                step.Report(5 + 90.0 * i / probes.Count, string.Create(c,
                    $"{rate:N0}/s offered · applied {node.Metrics.Applied:N0} · probe {i + 1}/{probes.Count} · p50 {seen.P50Ms:N0} ms"));
                var next = TimeSpan.FromSeconds(i + 1) - run.Elapsed;
                if (next > TimeSpan.Zero) await Task.Delay(next, token);
            }
            var consumedRate = (node.Metrics.Applied - appliedAtStart) / run.Elapsed.TotalSeconds;
            // Give the last probes time to show (a publication is at most a second away when the node keeps up).
            var grace = Stopwatch.StartNew();
            while (clock.Summarise(FreshnessStages.Leaderboard).Missed > 0 && grace.Elapsed < TimeSpan.FromSeconds(10))
                await Task.Delay(100, token);
            producer.Rate = 0;
            var stages = new[] { clock.Summarise(FreshnessStages.Leaderboard) };
            step.Report(100, string.Create(c, $"{rate:N0}/s offered · p50 {stages[0].P50Ms:N0} ms · p99 {stages[0].P99Ms:N0} ms · max {stages[0].MaxMs:N0} ms"));
            return new FreshnessResult(rate, consumedRate, ProbeBurst, stages, clock.MostSurging, LeaderboardSize);
        }
        finally
        {
            await BenchNode.StopAsync(node, dataDir);
        }
    }
}
