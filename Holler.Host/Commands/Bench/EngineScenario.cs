using System.Diagnostics;
using System.Globalization;

namespace Holler.Host.Commands.Bench;

/// <param name="EventsPerSecond">Events applied (durably acknowledged by trackers) per second over the measured time.</param>
/// <param name="SlowestSecond">The lowest one-second rate within the measured time.</param>
/// <param name="EventsPerTrackerMessage">Events per per-business batch sent to a tracker.</param>
public sealed record EngineResult(
    int Businesses, double Zipf, string Persistence, double MeasuredSeconds, double EventsPerSecond, double SlowestSecond,
    long Fed, long Applied, long Rejected, double EventsPerTrackerMessage, double CoresUsed, double GcPausePercent,
    double MaxGcPauseMs, double AllocatedBytesPerEvent, double ActivationPerSecond, double HeapMiB, double CpuMicrosPerEvent)
{
    /// <summary>What the measured CPU cost per event would give with every core of this machine busy: robust when
    /// other work competes for the cores, which wall-clock rates are not.</summary>
    public double EventsPerSecondAtAllCores => CpuMicrosPerEvent > 0 ? Environment.ProcessorCount * 1e6 / CpuMicrosPerEvent : 0;
}

/// <summary>
/// engine: events already in memory → parse → trackers → leaderboard, as fast as the pipeline takes them. The figure
/// is the sustained rate of events the trackers durably applied after a warm-up in which every business got a tracker.
/// </summary>
public static class EngineScenario
{
    public static async Task<EngineResult> RunAsync(BenchSettings settings, IBenchStep step, CancellationToken token)
    {
        step.Report(0, "starting a node");
        var (node, dataDir) = await BenchNode.StartAsync(settings, settings.Businesses, "tracker,leaderboard", null, token: token);
        try
        {
            step.Report(0, $"building {settings.CorpusEvents:N0} events over {settings.Businesses:N0} businesses");
            var corpus = EventCorpus.Build(node.Catalog, settings.CorpusEvents, settings.Zipf);
            await using var run = EngineRun.Start(node, corpus);
            // Steady state: every business already has a tracker, as in a node that has been up for a while. Starting
            // trackers is measured on its own (activation/s).
            var activation = await Activation.RunAsync(run, settings.Businesses, step, 0, 20, token);
            run.Feeder.Start(eventsPerSecond: null);

            var total = settings.Warmup + settings.Duration;
            var clock = Stopwatch.StartNew();
            GcPauseWatcher? gc = null;
            ProcessStats? start = null;
            long appliedAtStart = 0, batchesAtStart = 0, acceptedAtStart = 0;
            var slowest = double.MaxValue;
            var lastApplied = run.Metrics.Applied;
            var lastAt = clock.Elapsed;
            while (clock.Elapsed < total)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), token);
                var now = clock.Elapsed;
                var applied = run.Metrics.Applied;
                var rate = (applied - lastApplied) / (now - lastAt).TotalSeconds;
                if (start is null && now >= settings.Warmup)
                {
                    start = ProcessStats.Now();
                    appliedAtStart = applied;
                    batchesAtStart = run.Metrics.TrackerBatches;
                    acceptedAtStart = run.Metrics.Accepted;
                    gc = new GcPauseWatcher();
                }
                else if (start is not null) slowest = Math.Min(slowest, rate);
                lastApplied = applied;
                lastAt = now;
                var phase = now < settings.Warmup ? "warm-up" : "measuring";
                step.Report(20 + 80 * now / total, string.Create(CultureInfo.InvariantCulture, $"{phase} · {rate,12:N0} events/s · applied {applied:N0}"));
            }
            var end = ProcessStats.Now();
            var maxPause = gc?.MaxPause ?? TimeSpan.Zero;
            gc?.Dispose();
            var measuredApplied = run.Metrics.Applied - appliedAtStart;
            var delta = end - (start ?? end);
            var messages = run.Metrics.TrackerBatches - batchesAtStart;
            var accepted = run.Metrics.Accepted - acceptedAtStart;

            step.Report(99, "draining");
            await run.DrainAsync(TimeSpan.FromMinutes(2));
            var result = new EngineResult(
                settings.Businesses, settings.Zipf, settings.Persistence, delta.Elapsed.TotalSeconds,
                measuredApplied / Math.Max(delta.Elapsed.TotalSeconds, 1e-9), slowest == double.MaxValue ? 0 : slowest,
                run.Feeder.Fed, run.Metrics.Applied, run.Metrics.Rejected.Total,
                messages > 0 ? (double)accepted / messages : 0, delta.CoresUsed, delta.GcPausePercent,
                maxPause.TotalMilliseconds,
                measuredApplied > 0 ? (double)delta.Allocated / measuredApplied : 0, activation,
                GC.GetGCMemoryInfo().HeapSizeBytes / (1024.0 * 1024), measuredApplied > 0 ? delta.Cpu.TotalMicroseconds / measuredApplied : 0);
            step.Report(100, string.Create(CultureInfo.InvariantCulture, $"{result.EventsPerSecond:N0} events/s"));
            return result;
        }
        finally
        {
            await BenchNode.StopAsync(node, dataDir);
        }
    }
}
