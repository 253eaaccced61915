using Akka;
using Akka.Streams;
using Holler.Domain.Fleet;
using Holler.Fleet;
using Holler.Host.Node;
using Holler.Ingest;
using Microsoft.Extensions.Logging.Abstractions;

namespace Holler.Host.Commands.Bench;

/// <summary>
/// Holler's ingest pipeline (<see cref="IngestPipeline"/>: micro-batch, parse, deliver to the sharded trackers, wait
/// for their durable acknowledgements) fed from memory instead of Kafka.
/// </summary>
public sealed class EngineRun : IAsyncDisposable
{
    private readonly UniqueKillSwitch _killSwitch;
    private readonly Task<Done> _done;

    private EngineRun(RecordFeeder feeder, IngestMetrics metrics, UniqueKillSwitch killSwitch, Task<Done> done)
    {
        Feeder = feeder;
        Metrics = metrics;
        _killSwitch = killSwitch;
        _done = done;
    }

    public RecordFeeder Feeder { get; }
    public IngestMetrics Metrics { get; }

    public static EngineRun Start(HollerNode node, EventCorpus corpus)
    {
        var feeder = new RecordFeeder(corpus);
        // The node's path counts every event for the fleet views too (nobody drains this recorder: it stays bounded).
        var metrics = new IngestMetrics();
        var delivery = new BatchDelivery(node.Trackers, node.Config.Shards, metrics, node.Config.ParseLimits, TimeProvider.System, node.Config.AckTimeout,
            NullLogger.Instance, new FleetRecorder(new FleetDirectory(corpus.Catalog)), node.Config.Checkpoints);
        var (killSwitch, done) = IngestPipeline.Run(feeder.Records, delivery, node.Config.BatchMaxRecords, node.Config.BatchDelay,
            _ => { }, deadLetters: null, node.System.Materializer(), CancellationToken.None, batchLinger: node.Config.BatchLinger);
        return new EngineRun(feeder, metrics, killSwitch, done);
    }

    /// <summary>Stops feeding and waits until everything fed is applied (or the pipeline failed).</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        Feeder.Complete();
        await _done.WaitAsync(timeout);
    }

    /// <summary>Throws the pipeline's failure (e.g. tracker batches unacknowledged after five attempts), if it failed.</summary>
    public void ThrowIfFailed()
    {
        if (_done.IsFaulted) _done.GetAwaiter().GetResult();
    }

    /// <summary>Waits until the trackers have applied <paramref name="count"/> events in all.</summary>
    public async Task AwaitAppliedAsync(long count, TimeSpan timeout, CancellationToken token)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Metrics.Applied < count)
        {
            if (_done.IsCompleted) await _done;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Metrics.Applied:N0} of {count:N0} events applied after {timeout}");
            await Task.Delay(50, token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Feeder.Dispose();
        _killSwitch.Shutdown();
        try { await _done.WaitAsync(TimeSpan.FromSeconds(30)); }
        catch (Exception) { /* shutting down: the run's result has been read already */ }
    }
}
