using Akka.Actor;
using Holler.Domain;
using Holler.Tracking;
using Microsoft.Extensions.Logging;

namespace Holler.Ingest;

/// <summary>
/// The two halves of handling one micro-batch: <see cref="Prepare"/> (parse and group, pure CPU) and
/// <see cref="DeliverAsync"/> (send to the trackers and wait until every one has made its part durable). Split so the
/// stream can parse the next micro-batch while the previous one is in flight.
/// </summary>
public sealed class BatchDelivery(IActorRef trackers, IngestMetrics metrics, ParseLimits limits, TimeProvider clock,
    TimeSpan ackTimeout, ILogger log)
{
    // Written by Prepare only, which the stream calls for one micro-batch at a time; kept across stream restarts.
    private long _observedSinceSecond;

    public MicroBatch Prepare(IReadOnlyList<ConsumedRecord> records)
    {
        var batch = MicroBatch.From(records, clock.GetUtcNow().ToUnixTimeMilliseconds(), limits, Volatile.Read(ref _observedSinceSecond));
        if (batch.ObservedSinceSecond > 0) Volatile.Write(ref _observedSinceSecond, batch.ObservedSinceSecond);
        metrics.AddConsumed(records.Count);
        metrics.AddAccepted(batch.Accepted);
        foreach (var (_, reason) in batch.Rejected) metrics.Rejected.Increment(reason);
        return batch;
    }

    /// <summary>Completes once every tracker batch is acknowledged (durable); throws after five unanswered attempts.</summary>
    public async Task DeliverAsync(MicroBatch batch, CancellationToken stopping)
    {
        var pending = batch.Batches;
        metrics.AddTrackerBatches(pending.Count);
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            stopping.ThrowIfCancellationRequested();
            var results = await Task.WhenAll(pending.Select(async b =>
            {
                try { return (Batch: b, Ack: await trackers.Ask<TrafficBatchAck>(b, ackTimeout)); }
                catch (Exception e) when (e is AskTimeoutException or TaskCanceledException) { return (Batch: b, Ack: (TrafficBatchAck?)null); }
            }));
            foreach (var (_, ack) in results)
                if (ack is not null) metrics.AddApplied(ack.Applied, ack.Duplicates);
            pending = results.Where(r => r.Ack is null).Select(r => r.Batch).ToList();
            if (pending.Count == 0) break;
            // A tracker moving between nodes can drop a message (akka.net #8501); re-sending is safe thanks to watermarks.
            if (attempt >= 5) throw new TimeoutException($"{pending.Count} tracker batches unacknowledged after {attempt} attempts");
            metrics.AddRedeliveries(pending.Count);
            log.LogWarning("{Count} tracker batches unacknowledged; re-sending (attempt {Attempt})", pending.Count, attempt + 1);
        }
    }
}
