using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Holler.Domain;
using Holler.Tracking;
using Microsoft.Extensions.Logging;

namespace Holler.Ingest;

/// <summary>
/// Runs the ingest stream of one node: Kafka → parse → per-business micro-batches → trackers → commit. Offsets are
/// committed only after every tracker in a micro-batch has acknowledged, and trackers acknowledge only once durable,
/// so a crash anywhere loses nothing; what is redelivered is skipped by the trackers' offset watermarks.
/// Micro-batches are delivered strictly one after another: a business's events must reach its tracker in offset order,
/// or the watermark would skip older events that arrive late.
/// </summary>
public sealed class IngestActor : ReceiveActor, IWithTimers
{
    private readonly KafkaIngestSettings _settings;
    private readonly IActorRef _trackers;
    private readonly IngestMetrics _metrics;
    private readonly ParseLimits _limits;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private KafkaPollingConsumer? _consumer;
    private DeadLetterWriter? _deadLetters;
    private UniqueKillSwitch? _killSwitch;
    private CancellationTokenSource? _streamStopping;
    private int _restarts;
    // Written by the delivering stream only (one micro-batch at a time), kept across stream restarts.
    private long _observedSinceSecond;

    public IngestActor(KafkaIngestSettings settings, IActorRef trackers, IngestMetrics metrics, ParseLimits limits,
        TimeProvider clock, ILoggerFactory loggers)
    {
        _settings = settings;
        _trackers = trackers;
        _metrics = metrics;
        _limits = limits;
        _clock = clock;
        _log = loggers.CreateLogger<IngestActor>();

        Receive<StreamEnded>(ended =>
        {
            StopStream();
            var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(Interlocked.Increment(ref _restarts) - 1, 5))));
            _log.LogWarning(ended.Cause, "Ingest stream ended ({Reason}); restarting from committed offsets in {Delay}",
                ended.Cause?.Message ?? "completed", delay);
            Timers.StartSingleTimer("restart", Restart.Instance, delay);
        });
        Receive<Restart>(_ => StartStream());
        Receive<GetIngestStatus>(_ => Sender.Tell(Status()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(KafkaIngestSettings settings, IActorRef trackers, IngestMetrics metrics, ParseLimits limits,
        TimeProvider clock, ILoggerFactory loggers) =>
        Props.Create(() => new IngestActor(settings, trackers, metrics, limits, clock, loggers));

    protected override void PreStart()
    {
        // Before the node is Up, shard regions only buffer: consuming then would just pile up unacknowledged batches.
        var self = Self;
        Akka.Cluster.Cluster.Get(Context.System).RegisterOnMemberUp(() => self.Tell(Restart.Instance));
    }

    protected override void PostStop() => StopStream();

    private void StartStream()
    {
        var consumer = new KafkaPollingConsumer(_settings, _log);
        var deadLetters = string.IsNullOrEmpty(_settings.DeadLetterTopic)
            ? null
            : new DeadLetterWriter(_settings.BootstrapServers, _settings.DeadLetterTopic);
        consumer.Start();
        _consumer = consumer;
        _deadLetters = deadLetters;
        var stopping = _streamStopping = new CancellationTokenSource();

        var (killSwitch, done) = ChannelSource.FromReader(consumer.Records)
            .GroupedWithin(_settings.MaxBatchRecords, _settings.BatchDelay)
            .SelectAsync(1, records => DeliverAsync(records.ToList(), consumer, deadLetters, stopping.Token))
            .ViaMaterialized(KillSwitches.Single<Done>(), Keep.Right)
            .ToMaterialized(Sink.Ignore<Done>(), Keep.Both)
            .Run(Context.Materializer());
        _killSwitch = killSwitch;
        var self = Self;
        done.ContinueWith(t => self.Tell(new StreamEnded(t.Exception?.GetBaseException())), TaskScheduler.Default);
    }

    private void StopStream()
    {
        // A delivery in flight must not keep re-sending or commit after its stream is gone: a restarted stream
        // redelivers from the committed offsets anyway.
        _streamStopping?.Cancel();
        _streamStopping?.Dispose();
        _streamStopping = null;
        _killSwitch?.Shutdown();
        _killSwitch = null;
        _consumer?.Dispose();
        _consumer = null;
        _deadLetters?.Dispose();
        _deadLetters = null;
    }

    private async Task<Done> DeliverAsync(List<ConsumedRecord> records, KafkaPollingConsumer consumer, DeadLetterWriter? deadLetters,
        CancellationToken stopping)
    {
        var batch = MicroBatch.From(records, _clock.GetUtcNow().ToUnixTimeMilliseconds(), _limits, Volatile.Read(ref _observedSinceSecond));
        if (batch.ObservedSinceSecond > 0) Volatile.Write(ref _observedSinceSecond, batch.ObservedSinceSecond);
        _metrics.AddConsumed(records.Count);
        _metrics.AddAccepted(batch.Accepted);
        foreach (var (_, reason) in batch.Rejected) _metrics.Rejected.Increment(reason);

        var pending = batch.Batches;
        var since = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            stopping.ThrowIfCancellationRequested();
            var results = await Task.WhenAll(pending.Select(async b =>
            {
                try { return (Batch: b, Reply: await _trackers.Ask<object>(b, _settings.Ack)); }
                catch (Exception e) when (e is AskTimeoutException or TaskCanceledException) { return (Batch: b, Reply: (object?)null); }
            }));
            foreach (var (_, reply) in results)
                if (reply is TrafficBatchAck ack) _metrics.AddApplied(ack.Applied, ack.Duplicates);
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
            _metrics.AddRedeliveries(pending.Count);
            if (notDurable.Count > 0)
                _log.LogWarning("{Count} tracker batches not durable ({Reason}); re-sending in {Delay} ms (attempt {Attempt})",
                    pending.Count, notDurable[0].Reason, (int)delay.TotalMilliseconds, attempt + 1);
            else
                _log.LogWarning("{Count} tracker batches unacknowledged; re-sending in {Delay} ms (attempt {Attempt})",
                    pending.Count, (int)delay.TotalMilliseconds, attempt + 1);
            await Task.Delay(delay, stopping);
        }

        if (deadLetters is not null) await deadLetters.WriteAsync(batch.Rejected, stopping);
        stopping.ThrowIfCancellationRequested();
        consumer.Commit(batch.CommitOffsets);
        _metrics.AddBatch();
        Interlocked.Exchange(ref _restarts, 0);
        return Done.Instance;
    }

    /// <summary>Five acknowledgement timeouts, as many as the stream always allowed a micro-batch.</summary>
    private TimeSpan GiveUpAfter => 5 * _settings.Ack;

    /// <summary>Back-off between re-sends: 250 ms doubling to 10 s, so trackers with a failing journal are not hammered
    /// while a short hiccup costs little.</summary>
    internal static TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(10_000, 250 * Math.Pow(2, Math.Min(attempt - 1, 10))));

    private IngestStatus Status()
    {
        var consumer = _consumer;
        return new IngestStatus(
            _metrics.Consumed, _metrics.Accepted, _metrics.Applied, _metrics.Duplicates, _metrics.Rejected.Snapshot(),
            consumer is null ? new Dictionary<int, long>() : new Dictionary<int, long>(consumer.Committed),
            consumer is null ? new Dictionary<int, long>() : new Dictionary<int, long>(consumer.LogEnd));
    }

    private sealed record StreamEnded(Exception? Cause);

    private sealed class Restart
    {
        public static Restart Instance { get; } = new();
    }
}
