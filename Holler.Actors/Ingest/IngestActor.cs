using Akka;
using Akka.Actor;
using Akka.Streams;
using Holler.Domain;
using Holler.Fleet;
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
    private readonly IngestMetrics _metrics;
    private readonly ILogger _log;
    private KafkaPollingConsumer? _consumer;
    private DeadLetterWriter? _deadLetters;
    private UniqueKillSwitch? _killSwitch;
    private CancellationTokenSource? _streamStopping;
    private readonly BatchDelivery _delivery;
    private readonly ParseLimits _limits;
    private int _restarts;

    public IngestActor(KafkaIngestSettings settings, IActorRef trackers, int shards, IngestMetrics metrics, ParseLimits limits,
        TimeProvider clock, ILoggerFactory loggers, FleetRecorder? fleet = null)
    {
        _settings = settings;
        _metrics = metrics;
        _limits = limits;
        _log = loggers.CreateLogger<IngestActor>();
        _delivery = new BatchDelivery(trackers, shards, metrics, limits, clock, settings.Ack, _log, fleet, settings.Checkpoints);

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

    public static Props PropsFor(KafkaIngestSettings settings, IActorRef trackers, int shards, IngestMetrics metrics,
        ParseLimits limits, TimeProvider clock, ILoggerFactory loggers, FleetRecorder? fleet = null) =>
        Props.Create(() => new IngestActor(settings, trackers, shards, metrics, limits, clock, loggers, fleet));

    protected override void PreStart()
    {
        // Before the node is Up, shard regions only buffer: consuming then would just pile up unacknowledged batches.
        var self = Self;
        Akka.Cluster.Cluster.Get(Context.System).RegisterOnMemberUp(() => self.Tell(Restart.Instance));
    }

    protected override void PostStop() => StopStream();

    private void StartStream()
    {
        var consumer = new KafkaPollingConsumer(_settings, _log, metrics: _metrics);
        var deadLetters = string.IsNullOrEmpty(_settings.DeadLetterTopic)
            ? null
            : new DeadLetterWriter(_settings.BootstrapServers, _settings.DeadLetterTopic, _limits.MaxRecordBytes);
        consumer.Start();
        _consumer = consumer;
        _deadLetters = deadLetters;
        var stopping = _streamStopping = new CancellationTokenSource();

        var (killSwitch, done) = IngestPipeline.Run(consumer.Records, _delivery, _settings.MaxBatchRecords, _settings.BatchDelay,
            offsets =>
            {
                if (offsets.Count > 0) consumer.Commit(offsets);
            },
            deadLetters, Context.Materializer(), stopping.Token, batchLinger: _settings.MaxBatchLinger,
            delivered: () =>
            {
                _metrics.AddBatch();
                Interlocked.Exchange(ref _restarts, 0);
            });
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
