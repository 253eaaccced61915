using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Holler.Host.Commands.Bench;

/// <param name="EventsPerSecond">Applied events/s at the fixed offered rate (equal to it when the node keeps up).</param>
/// <param name="CpuMicrosPerEvent">Process CPU time per applied event: how cost grows with businesses.</param>
/// <param name="ActivationPerSecond">Businesses made active (tracker started, first event durable) per second.</param>
/// <param name="BytesPerBusiness">Managed heap growth per active business after a full compacting GC; with
/// <paramref name="Persistence"/> "memory" that includes the journal and snapshots, which the product keeps in
/// SQLite or PostgreSQL instead.</param>
/// <param name="Persistence">Where trackers journaled: memory (in the heap) or sqlite.</param>
public sealed record ScaleResult(int Businesses, double OfferedRate, double EventsPerSecond, double CpuMicrosPerEvent,
    double ActivationPerSecond, double BytesPerBusiness, double GcPausePercent, double MaxGcPauseMs, int Gen2, string Persistence);

/// <summary>
/// scale: the same pipeline as engine, with 10k, 100k, 1M businesses: first every business gets one event (all
/// active), then Zipf traffic at a fixed rate. Shows what each business costs in memory and each event in CPU.
/// </summary>
public static class ScaleScenario
{
    public static async Task<ScaleResult> RunAsync(BenchSettings settings, int businesses, IBenchStep step, CancellationToken token)
    {
        var c = CultureInfo.InvariantCulture;
        step.Report(0, "starting a node");
        var (node, dataDir) = await BenchNode.StartAsync(settings, businesses, "tracker,leaderboard", null, token: token);
        try
        {
            var corpus = EventCorpus.Build(node.Catalog, settings.CorpusEvents, settings.Zipf);
            var baseline = FullGcHeap();
            await using var run = EngineRun.Start(node, corpus);

            var activationRate = await Activation.RunAsync(run, businesses, step, 2, 50, token);

            run.Feeder.Start(settings.ScaleRate);
            await Task.Delay(TimeSpan.FromSeconds(2), token);
            var start = ProcessStats.Now();
            var appliedAtStart = run.Metrics.Applied;
            using var gc = new GcPauseWatcher();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < settings.ScaleDuration)
            {
                await Task.Delay(500, token);
                step.Report(50 + 45 * clock.Elapsed / settings.ScaleDuration,
                    string.Create(c, $"{settings.ScaleRate:N0}/s offered · applied {run.Metrics.Applied - appliedAtStart:N0}"));
            }
            var delta = ProcessStats.Now() - start;
            var applied = run.Metrics.Applied - appliedAtStart;
            var maxPause = gc.MaxPause;
            await run.DrainAsync(TimeSpan.FromMinutes(2));
            var bytes = (FullGcHeap() - baseline) / (double)businesses;
            var result = new ScaleResult(businesses, settings.ScaleRate, applied / delta.Elapsed.TotalSeconds,
                applied > 0 ? delta.Cpu.TotalMicroseconds / applied : 0, activationRate, bytes, delta.GcPausePercent,
                maxPause.TotalMilliseconds, delta.Gen2, settings.Persistence);
            step.Report(100, string.Create(c, $"{result.EventsPerSecond:N0} events/s · {result.CpuMicrosPerEvent:N1} µs/event · {bytes:N0} B/business"));
            // Keep the trackers alive until measured.
            GC.KeepAlive(node);
            return result;
        }
        finally
        {
            await BenchNode.StopAsync(node, dataDir);
        }
    }

    private static long FullGcHeap()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
