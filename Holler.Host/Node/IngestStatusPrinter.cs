using System.Globalization;
using Holler.Ingest;
using Microsoft.Extensions.Hosting;

namespace Holler.Host.Node;

/// <summary>A status line every few seconds so whoever runs a node sees the pipeline move (or not).</summary>
public sealed class IngestStatusPrinter(IngestMetrics metrics, TextWriter output, TimeSpan interval) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        long lastConsumed = 0, lastApplied = 0;
        var c = CultureInfo.InvariantCulture;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var consumed = metrics.Consumed;
                var applied = metrics.Applied;
                var seconds = interval.TotalSeconds;
                output.WriteLine(string.Create(c,
                    $"ingest: {(consumed - lastConsumed) / seconds,8:N0} consumed/s {(applied - lastApplied) / seconds,8:N0} applied/s · total {consumed:N0} consumed, {applied:N0} applied, {metrics.Duplicates:N0} duplicate, {metrics.Rejected.Total:N0} rejected, {metrics.Redeliveries:N0} re-sent"));
                lastConsumed = consumed;
                lastApplied = applied;
            }
        }
        catch (OperationCanceledException) { }
    }
}
