using System.Threading.Channels;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace Holler.Ingest;

/// <summary>
/// The ingest stream from a channel of consumed records to committed offsets: micro-batch → parse → deliver → commit.
/// Kafka feeds it in a node; the engine benchmark feeds it records from memory, so both measure the same path.
/// </summary>
public static class IngestPipeline
{
    /// <param name="commit">Called with the next offsets per partition that became durable (and dead-lettered), after each
    /// micro-batch and each flush; possibly none.</param>
    /// <param name="deadLetters">Copies a micro-batch's rejects before its offsets are committed; null for none.</param>
    /// <param name="delivered">Called after each micro-batch is delivered and committed as far as durable; null for none.</param>
    /// <param name="batchLinger">The longest a micro-batch waits to fill while traffic is light (see <see cref="BatchLinger"/>);
    /// null for always <paramref name="batchDelay"/>.</param>
    public static (UniqueKillSwitch KillSwitch, Task<Done> Done) Run(ChannelReader<ConsumedRecord> records, BatchDelivery delivery,
        int maxBatchRecords, TimeSpan batchDelay, Action<IReadOnlyDictionary<int, long>> commit, DeadLetterWriter? deadLetters,
        IMaterializer materializer, CancellationToken stopping, Action? delivered = null, TimeSpan? batchLinger = null)
    {
        delivery.BeginRun();
        var linger = new BatchLinger(batchDelay, batchLinger ?? batchDelay, Math.Max(1, maxBatchRecords / 2));
        var reader = new MicroBatchReader(records, maxBatchRecords, linger, TimeProvider.System);
        return Source.From(() => reader.ReadAllAsync(stopping))
            .Select(group => delivery.Prepare(group))
            // Parse the next micro-batch on another thread while this one is with the trackers. Delivery stays strictly
            // one micro-batch after another: a business's events must reach its tracker in offset order, or the
            // watermark would skip older events that arrive late.
            .Async()
            // Ticks ask the trackers what is durable, so offsets move on when checkpoints land between micro-batches
            // (see docs/architecture.md#guarantees); a tick finding the stage busy is dropped.
            .Merge(Source.Tick(BatchDelivery.FlushInterval, BatchDelivery.FlushInterval, MicroBatch.Flush)
                .MapMaterializedValue(_ => NotUsed.Instance), eagerComplete: true)
            .SelectAsync(1, async batch =>
            {
                IReadOnlyDictionary<int, long> durable;
                if (ReferenceEquals(batch, MicroBatch.Flush)) durable = await delivery.FlushAsync(stopping);
                else
                {
                    await delivery.DeliverAsync(batch, stopping);
                    if (deadLetters is not null) await deadLetters.WriteAsync(batch.Rejected, stopping);
                    stopping.ThrowIfCancellationRequested();
                    durable = delivery.Delivered(batch);
                }
                stopping.ThrowIfCancellationRequested();
                commit(durable);
                if (!ReferenceEquals(batch, MicroBatch.Flush)) delivered?.Invoke();
                return Done.Instance;
            })
            .ViaMaterialized(KillSwitches.Single<Done>(), Keep.Right)
            .ToMaterialized(Sink.Ignore<Done>(), Keep.Both)
            .Run(materializer);
    }
}
