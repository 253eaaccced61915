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
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            stopping.ThrowIfCancellationRequested();
            var results = await Task.WhenAll(pending.Select(async b =>
            {
                try { return (Batch: b, Ack: await _trackers.Ask<TrafficBatchAck>(b, _settings.Ack)); }
                catch (Exception e) when (e is AskTimeoutException or TaskCanceledException) { return (Batch: b, Ack: (TrafficBatchAck?)null); }
            }));
            foreach (var (_, ack) in results)
                if (ack is not null) _metrics.AddApplied(ack.Applied, ack.Duplicates);
            pending = results.Where(r => r.Ack is null).Select(r => r.Batch).ToList();
            if (pending.Count == 0) break;
            // A tracker moving between nodes can drop a message (akka.net #8501); re-sending is safe thanks to watermarks.
            if (attempt >= 5) throw new TimeoutException($"{pending.Count} tracker batches unacknowledged after {attempt} attempts");
            _metrics.AddRedeliveries(pending.Count);
            _log.LogWarning("{Count} tracker batches unacknowledged; re-sending (attempt {Attempt})", pending.Count, attempt + 1);
        }

        if (deadLetters is not null) await deadLetters.WriteAsync(batch.Rejected, stopping);
        stopping.ThrowIfCancellationRequested();
        consumer.Commit(batch.CommitOffsets);
        _metrics.AddBatch();
        Interlocked.Exchange(ref _restarts, 0);
        return Done.Instance;
    }

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
