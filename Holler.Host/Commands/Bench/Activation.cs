using System.Diagnostics;
using System.Globalization;

namespace Holler.Host.Commands.Bench;

/// <summary>Gives every business one event, so each has a running tracker; returns businesses activated per second.</summary>
public static class Activation
{
    public static async Task<double> RunAsync(EngineRun run, int businesses, IBenchStep step, double fromPercent, double toPercent,
        CancellationToken token)
    {
        var c = CultureInfo.InvariantCulture;
        var before = run.Metrics.Applied;
        var clock = Stopwatch.StartNew();
        var feeding = Task.Run(() => run.Feeder.FeedEachBusinessOnce(businesses, token), token);
        while (run.Metrics.Applied - before < businesses)
        {
            if (feeding.IsFaulted) await feeding;
            run.ThrowIfFailed();
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
                throw new TimeoutException($"activation: {run.Metrics.Applied - before:N0} of {businesses:N0} applied after 10 minutes");
            step.Report(fromPercent + (toPercent - fromPercent) * (run.Metrics.Applied - before) / businesses,
                string.Create(c, $"activating: {run.Metrics.Applied - before:N0} of {businesses:N0} businesses"));
            await Task.Delay(250, token);
        }
        await feeding;
        return businesses / clock.Elapsed.TotalSeconds;
    }
}
