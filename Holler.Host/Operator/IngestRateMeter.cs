using Holler.Ingest;
using Microsoft.Extensions.Hosting;

namespace Holler.Host.Operator;

/// <summary>Samples the ingest counters once a second so <c>holler ingest</c> can show events per second now, not since
/// start. (Prometheus computes its own rates from the counters.)</summary>
public sealed class IngestRateMeter(IngestMetrics metrics, TimeProvider clock) : BackgroundService
{
    private const int WindowSamples = 11;
    private readonly Queue<(long AtMs, long Consumed, long Applied)> _samples = new();
    private readonly Lock _gate = new();

    /// <summary>Events per second consumed and applied over the last (up to) ten seconds.</summary>
    public (double Consumed, double Applied, double WindowSeconds) Rates()
    {
        lock (_gate)
        {
            if (_samples.Count < 2) return (0, 0, 0);
            var first = _samples.Peek();
            var last = _samples.Last();
            var seconds = (last.AtMs - first.AtMs) / 1000.0;
            return seconds <= 0 ? (0, 0, 0) : ((last.Consumed - first.Consumed) / seconds, (last.Applied - first.Applied) / seconds, seconds);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        do
        {
            lock (_gate)
            {
                _samples.Enqueue((clock.GetUtcNow().ToUnixTimeMilliseconds(), metrics.Consumed, metrics.Applied));
                while (_samples.Count > WindowSamples) _samples.Dequeue();
            }
        } while (await Tick(timer, stoppingToken));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken token)
    {
        try { return await timer.WaitForNextTickAsync(token); }
        catch (OperationCanceledException) { return false; }
    }
}
