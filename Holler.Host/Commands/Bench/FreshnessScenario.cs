using System.Diagnostics;
using System.Globalization;
using Holler.Domain.Catalog;
using Holler.Kafka;
using Holler.Web.Feed;
using Microsoft.Extensions.DependencyInjection;

namespace Holler.Host.Commands.Bench;

/// <summary>
/// freshness: background traffic at a fixed offered rate through the embedded broker into a node, and once a second a
/// probe: a business steady at one event a second, with a learned baseline, suddenly gets a burst. The latency is from the burst being produced
/// to each stage first showing the business: the leaderboard publication on DistributedPubSub, and the node's dashboard
/// feed (what every open dashboard page reads).
/// </summary>
public static class FreshnessScenario
{
    private const int ProbeBurst = 200;
    /// <summary>Beyond the node's baseline warm-up, so the last business first seen has learned too.</summary>
    private const int WarmupMarginSeconds = 10;

    private static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(15);
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
        var (node, dataDir) = await BenchNode.StartAsync(settings, settings.Businesses, "ingest,tracker,leaderboard,web", broker.BootstrapServers,
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
            await using var dashboard = DashboardStage.Start(node.Services.GetRequiredService<ClusterFeed>(), clock);

            // Background and probes start together and run for a baseline warm-up before any probe: every business
            // then has a learned baseline, as in a node that has been running. (Probes given old history while the
            // background started later made every background business's first traffic a surge from nothing —
            // correctly so — and at 100,000/s thousands of them outranked the probes.) A probe gets one event a
            // second throughout, and at its turn a burst on top.
            var probes = Enumerable.Range(catalog.Count - probeCount, probeCount).ToList();
            // Not before the ingest has joined its group and consumed the primer: a consumer starting seconds behind a
            // fast producer is already past the embedded broker's retention (~1 s of 100,000/s per partition) and
            // chases a log start that moves faster than it can fetch — it consumed nothing in some runs.
            step.Report(1, "waiting for the ingest to join its consumer group");
            var joining = Stopwatch.StartNew();
            while (node.Metrics.Applied < EventCorpus.Partitions)
            {
                if (joining.Elapsed > TimeSpan.FromSeconds(90)) throw new TimeoutException("Holler's ingest consumed nothing in 90 s");
                await Task.Delay(100, token);
            }
            producer.Rate = rate;
            producer.Start();
            var warmup = TimeSpan.FromSeconds(node.Config.Tracker.Baseline.WarmupSeconds + WarmupMarginSeconds);
            var warming = Stopwatch.StartNew();
            var progress = (Applied: node.Metrics.Applied, At: TimeSpan.Zero);
            for (var second = 1; warming.Elapsed < warmup; second++)
            {
                if (node.Metrics.Applied != progress.Applied) progress = (node.Metrics.Applied, warming.Elapsed);
                else if (warming.Elapsed - progress.At > StallAfter)
                    throw new InvalidOperationException(string.Create(c,
                        $"the node applied nothing for {StallAfter.TotalSeconds:N0} s at {rate:N0}/s offered ({node.Metrics.Applied:N0} applied, {node.Metrics.SkippedOffsets:N0} offsets skipped): its consumer fell behind the embedded broker's retention; try a lower --freshness-rates"));
                TickProbes(producer, probes);
                step.Report(2 + 30 * warming.Elapsed / warmup, string.Create(c,
                    $"{rate:N0}/s offered · applied {node.Metrics.Applied:N0} · learning baselines {warming.Elapsed.TotalSeconds:N0}/{warmup.TotalSeconds:N0} s"));
                await DelayUntil(warming, TimeSpan.FromSeconds(second), token);
            }
            // Surges of the warm-up (none are expected) do not count against the probes.
            clock.ResetMostSurging();
            var appliedAtStart = node.Metrics.Applied;
            var run = Stopwatch.StartNew();
            for (var i = 0; i < probes.Count; i++)
            {
                TickProbes(producer, probes);
                // Stamped before producing: the clock runs from the first record of the burst leaving for the broker.
                clock.Produced(catalog[probes[i]].Id);
                producer.Burst(probes[i], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ProbeBurst);
                var seen = clock.Summarise(FreshnessStages.Leaderboard);
                step.Report(35 + 60.0 * i / probes.Count, string.Create(c,
                    $"{rate:N0}/s offered · applied {node.Metrics.Applied:N0} · probe {i + 1}/{probes.Count} · p50 {seen.P50Ms:N0} ms"));
                await DelayUntil(run, TimeSpan.FromSeconds(i + 1), token);
            }
            var consumedRate = (node.Metrics.Applied - appliedAtStart) / run.Elapsed.TotalSeconds;
            // Give the last probes time to show (a publication is at most a second away when the node keeps up).
            var grace = Stopwatch.StartNew();
            string[] names = [FreshnessStages.Leaderboard, FreshnessStages.Dashboard];
            while (names.Any(n => clock.Summarise(n).Missed > 0) && grace.Elapsed < TimeSpan.FromSeconds(10))
                await Task.Delay(100, token);
            producer.Rate = 0;
            var stages = names.Select(clock.Summarise).ToArray();
            step.Report(100, string.Create(c, $"{rate:N0}/s offered · to the dashboard feed p50 {stages[1].P50Ms:N0} ms · p99 {stages[1].P99Ms:N0} ms · max {stages[1].MaxMs:N0} ms"));
            return new FreshnessResult(rate, consumedRate, ProbeBurst, stages, clock.MostSurging, LeaderboardSize,
                node.Metrics.SkippedOffsets);
        }
        finally
        {
            await BenchNode.StopAsync(node, dataDir);
        }
    }

    private static void TickProbes(PacedProducer producer, List<int> probes)
    {
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var probe in probes) producer.Burst(probe, nowMs, 1);
    }

    private static async Task DelayUntil(Stopwatch clock, TimeSpan at, CancellationToken token)
    {
        var wait = at - clock.Elapsed;
        if (wait > TimeSpan.Zero) await Task.Delay(wait, token);
    }
}
