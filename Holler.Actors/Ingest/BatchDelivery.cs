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
/// <param name="checkpoints">When to ask trackers for a checkpoint sooner than they take one; the defaults if null.</param>
public sealed class BatchDelivery(IActorRef trackers, int shards, IngestMetrics metrics, ParseLimits limits, TimeProvider clock,
    TimeSpan ackTimeout, ILogger log, FleetRecorder? fleet = null, CheckpointTriggers? checkpoints = null)
{
    // Written by Prepare only, which the stream calls for one micro-batch at a time; kept across stream restarts.
    private long _observedSinceSecond;

    // Shared by the threads Prepare parses on.
    private readonly BusinessIdPool _ids = new();
    private readonly DimensionValuePool _values = new();

    // Used by the delivery stage only, one micro-batch or flush at a time; a new one for each run of the stream.
    private DurabilityLedger _ledger = new(checkpoints);
    private long _lastBatchTicks;

    /// <summary>Starts a run of the stream, which reads from the committed offsets: nothing sent is pending any more.</summary>
    public void BeginRun()
    {
        _ledger = new DurabilityLedger(checkpoints);
        _lastBatchTicks = clock.GetUtcNow().UtcTicks;
    }

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
        var ledger = _ledger;
        var now = clock.GetUtcNow().UtcTicks;
        _lastBatchTicks = now;
        var pending = batch.Batches.Select(b => b with { PreviousOffset = ledger.PreviousOffset(b.Shard, b.Partition) }).ToList();
        foreach (var b in pending) ledger.Sent(b, now);
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
            foreach (var (sent, reply) in results)
            {
                if (reply is TrafficBatchAck ack)
                {
                    metrics.AddApplied(ack.Applied, ack.Duplicates);
                    ledger.Durable(sent.Shard, sent.Partition, ack.DurableUpTo);
                }
                if (reply is TrafficBatchBehind behind) throw new TrackerBehindException(behind.Shard, behind.Partition);
            }
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
        // Idle is counted from the end of the last delivery, not its start: a micro-batch that took longer than a flush
        // interval (a loaded machine, a slow tracker) is not idleness, and forcing every shard's checkpoint after each one
        // would slow the next further.
        _lastBatchTicks = clock.GetUtcNow().UtcTicks;
    }

    /// <summary>A micro-batch is delivered and its rejects written: per partition, what may be committed now.</summary>
    public IReadOnlyDictionary<int, long> Delivered(MicroBatch batch)
    {
        _ledger.Consumed(batch.CommitOffsets, batch.PartitionBytes);
        return _ledger.TakeCommits();
    }

    /// <summary>
    /// Asks every shard holding batches that are not durable yet what is durable now (asking for a checkpoint where the
    /// ledger says so), and returns what may be committed. Called about once a second, between micro-batches: without
    /// it the tail of a stream that stopped would never be committed.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, long>> FlushAsync(CancellationToken stopping)
    {
        var ledger = _ledger;
        if (!ledger.AnyPending) return new Dictionary<int, long>();
        var now = clock.GetUtcNow().UtcTicks;
        var idle = TimeSpan.FromTicks(now - _lastBatchTicks) >= FlushInterval;
        var requests = ledger.Requests(idle, now);
        var replies = await Task.WhenAll(requests.Select(async r =>
        {
            try { return await trackers.Ask<ShardDurable>(r, FlushTimeout, stopping); }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException) { return null; }
        }));
        stopping.ThrowIfCancellationRequested();
        foreach (var reply in replies.OfType<ShardDurable>())
        {
            if (reply.Lost) throw new TrackerBehindException(reply.Shard, reply.DurableUpTo.Keys.FirstOrDefault());
            foreach (var (partition, offset) in reply.DurableUpTo) ledger.Durable(reply.Shard, partition, offset);
        }
        return ledger.TakeCommits();
    }

    /// <summary>How often the stream asks trackers what is durable while batches wait for it.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    /// <summary>A tracker that cannot answer this soon is asked again at the next flush.</summary>
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Five acknowledgement timeouts, as many as the stream always allowed a micro-batch.</summary>
    private TimeSpan GiveUpAfter => 5 * ackTimeout;

    /// <summary>Back-off between re-sends: 250 ms doubling to 10 s, so trackers with a failing journal are not hammered
    /// while a short hiccup costs little.</summary>
    internal static TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(10_000, 250 * Math.Pow(2, Math.Min(attempt - 1, 10))));
}

/// <summary>A tracker lost events it had acknowledged (it came back from an older checkpoint): the stream restarts from
/// the committed offsets, which never pass what that tracker made durable.</summary>
public sealed class TrackerBehindException(int shard, int partition)
    : Exception($"shard {shard} lost events from partition {partition} it had acknowledged; re-reading from the committed offsets");
