using Akka.Actor;
using Holler.Domain;
using Holler.Fleet;
using Holler.Tracking;
using Microsoft.Extensions.Logging;

namespace Holler.Ingest;

/// <summary>
/// The two halves of handling one micro-batch: <see cref="Prepare"/> (parse and group, pure CPU) and
/// <see cref="DeliverAsync"/> (send to the trackers and wait until every one has made its part durable). Split so the
/// stream can parse the next micro-batch while the previous one is in flight.
/// </summary>
/// <param name="shards">How many tracker shards the cluster has: the ingest sends one batch per shard.</param>
/// <param name="fleet">Counts every parsed micro-batch for the fleet views; null for none.</param>
public sealed class BatchDelivery(IActorRef trackers, int shards, IngestMetrics metrics, ParseLimits limits, TimeProvider clock,
    TimeSpan ackTimeout, ILogger log, FleetRecorder? fleet = null)
{
    // Written by Prepare only, which the stream calls for one micro-batch at a time; kept across stream restarts.
    private long _observedSinceSecond;

    // Shared by the threads Prepare parses on.
    private readonly BusinessIdPool _ids = new();
    private readonly DimensionValuePool _values = new();

    public MicroBatch Prepare(IReadOnlyList<ConsumedRecord> records)
    {
        var batch = MicroBatch.From(records, clock.GetUtcNow().ToUnixTimeMilliseconds(), limits, shards, Volatile.Read(ref _observedSinceSecond), _ids,
            Environment.ProcessorCount, _values, fleet?.Directory);
        // Counted when parsed, not when durable: the fleet views are live and approximate, and a micro-batch re-sent
        // after a stream restart is counted again (see docs/fleet.md).
        if (batch.Fleet is { } tally) fleet?.Record(tally);
        if (batch.ObservedSinceSecond > 0) Volatile.Write(ref _observedSinceSecond, batch.ObservedSinceSecond);
        metrics.AddConsumed(records.Count);
        metrics.AddAccepted(batch.Accepted);
        foreach (var (_, reason) in batch.Rejected) metrics.Rejected.Increment(reason);
        return batch;
    }

    /// <summary>Completes once every tracker batch is acknowledged (durable); throws when trouble lasts longer than
    /// <see cref="GiveUpAfter"/>, which restarts the stream from the committed offsets.</summary>
    public async Task DeliverAsync(MicroBatch batch, CancellationToken stopping)
    {
        var pending = batch.Batches;
        metrics.AddTrackerBatches(pending.Count);
        var since = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            stopping.ThrowIfCancellationRequested();
            var results = await Task.WhenAll(pending.Select(async b =>
            {
                try { return (Batch: b, Reply: await trackers.Ask<object>(b, ackTimeout)); }
                catch (Exception e) when (e is AskTimeoutException or TaskCanceledException) { return (Batch: b, Reply: (object?)null); }
            }));
            foreach (var (_, reply) in results)
                if (reply is TrafficBatchAck ack) metrics.AddApplied(ack.Applied, ack.Duplicates);
            pending = results.Where(r => r.Reply is not TrafficBatchAck).Select(r => r.Batch).ToList();
            if (pending.Count == 0) break;
            // Unacknowledged: a tracker moving between nodes can drop a message (akka.net #8501), and one whose journal
            // failed (the database is away) says so. Re-sending is safe thanks to watermarks; meanwhile nothing new is
            // pulled, so Kafka holds the rest (back-pressure). Long trouble restarts the stream from committed offsets.
            var waited = System.Diagnostics.Stopwatch.GetElapsedTime(since);
            if (waited >= GiveUpAfter)
                throw new TimeoutException($"{pending.Count} tracker batches not durable after {attempt} attempts in {waited.TotalSeconds:F0} s");
            var notDurable = results.Select(r => r.Reply).OfType<TrafficBatchNotDurable>().ToList();
            var delay = RetryDelay(attempt);
            metrics.AddRedeliveries(pending.Count);
            if (notDurable.Count > 0)
                log.LogWarning("{Count} tracker batches not durable ({Reason}); re-sending in {Delay} ms (attempt {Attempt})",
                    pending.Count, notDurable[0].Reason, (int)delay.TotalMilliseconds, attempt + 1);
            else
                log.LogWarning("{Count} tracker batches unacknowledged; re-sending in {Delay} ms (attempt {Attempt})",
                    pending.Count, (int)delay.TotalMilliseconds, attempt + 1);
            await Task.Delay(delay, stopping);
        }
    }

    /// <summary>Five acknowledgement timeouts, as many as the stream always allowed a micro-batch.</summary>
    private TimeSpan GiveUpAfter => 5 * ackTimeout;

    /// <summary>Back-off between re-sends: 250 ms doubling to 10 s, so trackers with a failing journal are not hammered
    /// while a short hiccup costs little.</summary>
    internal static TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(10_000, 250 * Math.Pow(2, Math.Min(attempt - 1, 10))));
}
