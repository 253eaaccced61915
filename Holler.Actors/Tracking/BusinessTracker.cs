using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;

namespace Holler.Tracking;

/// <summary>
/// The sharded entity for one business: a thin persistent shell around <see cref="BusinessTraffic"/>.
/// Applies micro-batches exactly once (offset watermarks), acknowledges them only once durable, and tells the
/// leaderboard when the business enters, moves within, or leaves a surge.
/// </summary>
public sealed class BusinessTracker : ReceivePersistentActor, IWithTimers
{
    private readonly string _businessId;
    private readonly TrackerSettings _settings;
    private readonly IActorRef _leaderboard;
    private readonly TimeProvider _clock;
    private readonly BusinessTraffic _traffic;
    private readonly OffsetWatermarks _watermarks = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly TrackerMetrics? _metrics;
    private long _snapshotStartedAt;

    private int _persistedSinceSnapshot;
    /// <summary>Sequence number of the snapshot taken to stop; the tracker stops once that one (not an earlier one
    /// still in flight) is saved or has failed.</summary>
    private long? _stopAfterSnapshot;
    /// <summary>The latest event second ever applied, from any partition: what a recreated log must go beyond.</summary>
    private long _newestAppliedSecond = long.MinValue;
    private bool _stopSnapshotSaved;
    /// <summary>Sequence number the journal clean-up in flight deletes up to; null when none is.</summary>
    private long? _cleaningUpTo;
    /// <summary>The clean-up to start when the one in flight is done.</summary>
    private long? _cleanUpNext;
    /// <summary>Who sent the batch being persisted (Persist stashes everything else meanwhile, so there is one).</summary>
    private IActorRef? _persistingFor;
    private DateTimeOffset _lastArrivalAt;
    private long _headAtLastArrival;

    public BusinessTracker(string businessId, TrackerSettings settings, IActorRef leaderboard, TimeProvider clock,
        TrackerMetrics? metrics = null)
    {
        _businessId = businessId;
        _metrics = metrics;
        _settings = settings;
        _leaderboard = leaderboard;
        _clock = clock;
        _traffic = new BusinessTraffic(settings.Baseline, settings.Detector);
        _lastArrivalAt = clock.GetUtcNow();

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is TrackerSnapshot snapshot) RestoreFrom(snapshot);
        });
        Recover<TrafficRecorded>(recorded =>
        {
            Apply(recorded);
            // Evaluate as the live path did after persisting this event, or the detector (surging, since when, score)
            // would come back as the last snapshot left it and a surge begun after that snapshot would be forgotten.
            _traffic.Evaluate();
            _persistedSinceSnapshot++;
        });

        Command<TrafficBatch>(HandleBatch);
        Command<GetBusinessSeries>(_ =>
        {
            SlideIfQuiet();
            Sender.Tell(Describe());
        });
        Command<Tick>(_ => OnTick());
        Command<StopTracker>(_ => StopDurably());
        Command<SaveSnapshotSuccess>(success =>
        {
            if (_snapshotStartedAt != 0) _metrics?.SnapshotSaved(Stopwatch.GetElapsedTime(_snapshotStartedAt));
            // The snapshot holds everything up to its sequence number; older entries are dead weight.
            CleanUpTo(success.Metadata.SequenceNr);
            if (success.Metadata.SequenceNr >= _stopAfterSnapshot) _stopSnapshotSaved = true;
            StopIfDone();
        });
        Command<SaveSnapshotFailure>(failure =>
        {
            _log.Warning(failure.Cause, "Snapshot of {0} failed; its journal still holds every event", _businessId);
            if (failure.Metadata.SequenceNr >= _stopAfterSnapshot) Context.Stop(Self);
        });
        Command<DeleteMessagesSuccess>(_ => CleanedUp());
        Command<DeleteMessagesFailure>(f =>
        {
            _log.Warning(f.Cause, "Journal clean-up of {0} failed", _businessId);
            CleanedUp();
        });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Snapshot clean-up of {0} failed", _businessId));
    }

    public static string PersistenceIdFor(string businessId) => "business-" + businessId;

    public override string PersistenceId => PersistenceIdFor(_businessId);

    public ITimerScheduler Timers { get; set; } = null!;

    /// <remarks>Not <c>Props.Create(() => new …)</c>: that compiles an expression tree for every tracker started, which
    /// the profile of a node meeting 200,000 businesses showed as a third of its CPU.</remarks>
    public static Props PropsFor(string businessId, TrackerSettings settings, IActorRef leaderboard, TimeProvider? clock = null,
        TrackerMetrics? metrics = null) =>
        Props.CreateBy(new Producer(businessId, settings, leaderboard, clock ?? TimeProvider.System, metrics));

    private sealed class Producer(string businessId, TrackerSettings settings, IActorRef leaderboard, TimeProvider clock,
        TrackerMetrics? metrics) : IIndirectActorProducer
    {
        public Type ActorType => typeof(BusinessTracker);
        public ActorBase Produce() => new BusinessTracker(businessId, settings, leaderboard, clock, metrics);
        public void Release(ActorBase actor) { }
    }

    protected override void PreStart()
    {
        _metrics?.TrackerStarted();
        base.PreStart();
    }

    protected override void PostStop()
    {
        _metrics?.TrackerStopped();
        base.PostStop();
    }

    protected override void OnReplaySuccess()
    {
        _lastArrivalAt = _clock.GetUtcNow();
        _headAtLastArrival = _traffic.Window.HeadSecond;
        // A business that was surging when it stopped re-announces itself (or its end) to the leaderboard.
        if (_traffic.Detector.IsSurging)
        {
            Report(_traffic.Evaluate() == SurgeTransition.Ended ? SurgeTransition.Ended : SurgeTransition.Updated);
            if (_traffic.Detector.IsSurging) StartTicking();
        }
    }

    /// <summary>
    /// The journal failed (say the database is away). Akka.Persistence stops the tracker now, as it must: whether the
    /// write landed is unknown. Saying so at once lets the ingest back off and send the batch again, instead of
    /// waiting out its acknowledgement timeout; a new incarnation recovers and the watermarks skip what did land.
    /// </summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _persistingFor?.Tell(new TrafficBatchNotDurable(_businessId, cause.GetBaseException().Message));
        _persistingFor = null;
        _log.Warning("Journal write for {0} failed ({1}); stopping until the batch is sent again", _businessId,
            cause.GetBaseException().Message);
    }

    private void HandleBatch(TrafficBatch batch)
    {
        if (batch.Offsets.Length != batch.Seconds.Length || batch.Offsets.Length == 0)
        {
            _log.Warning("Ignoring malformed batch for {0}: {1} offsets, {2} seconds", _businessId, batch.Offsets.Length, batch.Seconds.Length);
            Sender.Tell(new TrafficBatchAck(_businessId, 0, 0));
            return;
        }
        var watermark = _watermarks.WatermarkFor(batch.Partition, batch.LogEndOffset, batch.Seconds.Max() > _newestAppliedSecond,
            out var recreated);
        if (recreated)
            _log.Info("Partition {0}'s log ends at {1}, below what {2} applied: the log was recreated, starting afresh",
                batch.Partition, batch.LogEndOffset, _businessId);
        var recorded = Summarise(batch, watermark, recreated, out var fresh);
        var duplicates = batch.Offsets.Length - fresh;
        if (recorded is null)
        {
            Sender.Tell(new TrafficBatchAck(_businessId, 0, duplicates));
            return;
        }

        var replyTo = _persistingFor = Sender;
        var writeStartedAt = _metrics is null ? 0 : Stopwatch.GetTimestamp();
        Persist(recorded, e =>
        {
            _persistingFor = null;
            if (writeStartedAt != 0) _metrics!.JournalWritten(Stopwatch.GetElapsedTime(writeStartedAt));
            Apply(e);
            replyTo.Tell(new TrafficBatchAck(_businessId, fresh, duplicates));
            _lastArrivalAt = _clock.GetUtcNow();
            _headAtLastArrival = _traffic.Window.HeadSecond;
            var transition = _traffic.Evaluate();
            // Moves within a surge are reported by the tick, at most once a second, not on every batch.
            if (transition is SurgeTransition.Started or SurgeTransition.Ended) Report(transition);
            if (transition == SurgeTransition.Started)
            {
                StartTicking();
                _metrics?.SurgeStarted();
            }
            if (++_persistedSinceSnapshot >= _settings.SnapshotEvery) TakeSnapshot();
        });
    }

    /// <summary>
    /// The events not applied yet, with runs of equal seconds collapsed (events of one business in one micro-batch are
    /// mostly in time order); null when there are none. An event is new only above everything applied before it, in
    /// this batch too: the consumer hands records out in offset order, so anything lower that follows a higher offset
    /// is a re-fetch after a rebalance, already applied or earlier in this very batch.
    /// </summary>
    private static TrafficRecorded? Summarise(TrafficBatch batch, long watermark, bool recreated, out int fresh)
    {
        var seconds = new List<long>();
        var counts = new List<int>();
        var lastOffset = long.MinValue;
        fresh = 0;
        for (var i = 0; i < batch.Seconds.Length; i++)
        {
            if (batch.Offsets[i] <= watermark || batch.Offsets[i] <= lastOffset) continue;
            fresh++;
            lastOffset = batch.Offsets[i];
            var second = batch.Seconds[i];
            if (seconds.Count > 0 && seconds[^1] == second) counts[^1]++;
            else
            {
                seconds.Add(second);
                counts.Add(1);
            }
        }
        if (fresh == 0) return null;
        return new TrafficRecorded(batch.Partition, lastOffset, recreated, seconds.ToArray(), counts.ToArray(),
            batch.ObservedSinceSecond);
    }

    private void Apply(TrafficRecorded recorded)
    {
        if (recorded.PartitionReset) _watermarks.Reset(recorded.Partition);
        if (recorded.ObservedSinceSecond > 0) _traffic.ObservedSince(recorded.ObservedSinceSecond);
        for (var i = 0; i < recorded.Seconds.Length; i++)
        {
            _traffic.Record(recorded.Seconds[i], recorded.Counts[i]);
            _newestAppliedSecond = Math.Max(_newestAppliedSecond, recorded.Seconds[i]);
        }
        _watermarks.MarkApplied(recorded.Partition, recorded.LastOffset);
    }

    private void OnTick()
    {
        SlideIfQuiet();
        var transition = _traffic.Evaluate();
        if (_traffic.Detector.IsSurging || transition == SurgeTransition.Ended)
            Report(transition == SurgeTransition.Ended ? SurgeTransition.Ended : SurgeTransition.Updated);
        if (!_traffic.Detector.IsSurging) Timers.Cancel(TickKey);
    }

    /// <summary>Event time only moves with events; when a business goes quiet, let the clock move its window so a
    /// surge whose traffic stopped ends instead of freezing on the leaderboard.</summary>
    private void SlideIfQuiet()
    {
        if (_traffic.Window.IsEmpty) return;
        var idle = _clock.GetUtcNow() - _lastArrivalAt;
        if (idle >= _settings.Quiet) _traffic.AdvanceTo(_headAtLastArrival + (long)idle.TotalSeconds);
    }

    private void StartTicking() => Timers.StartPeriodicTimer(TickKey, Tick.Instance, _settings.Tick);

    private void Report(SurgeTransition transition)
    {
        var surging = transition != SurgeTransition.Ended;
        _leaderboard.Tell(new SurgeChanged(_businessId, surging, Entry()));
    }

    private LeaderboardEntry Entry() => new(
        _businessId, _traffic.Detector.Score, _traffic.Window.Sum, _traffic.Baseline.Mean, _traffic.Ratio,
        _traffic.Detector.SinceSecond * 1000, _clock.GetUtcNow().ToUnixTimeMilliseconds());

    private BusinessSeries Describe()
    {
        var state = _traffic.ToState();
        var mean = _traffic.Baseline.Mean;
        var sd = Math.Sqrt(Math.Max(Math.Max(_traffic.Baseline.Variance, mean), 1.0));
        return new BusinessSeries(
            _businessId, _traffic.Window.IsEmpty ? 0 : state.HeadSecond, state.WindowCounts, state.MinuteCounts,
            _traffic.Window.Sum, mean, sd, _traffic.IsWarm, _traffic.Detector.Score, _traffic.Ratio,
            _traffic.Detector.IsSurging, _traffic.Detector.IsSurging ? _traffic.Detector.SinceSecond * 1000 : 0,
            _traffic.Total, _traffic.Late);
    }

    private void TakeSnapshot()
    {
        _persistedSinceSnapshot = 0;
        _snapshotStartedAt = Stopwatch.GetTimestamp();
        SaveSnapshot(new TrackerSnapshot(_traffic.ToState(), new Dictionary<int, long>(_watermarks.Applied)));
    }

    /// <summary>
    /// Every event is already in the journal, so stopping never loses anything; a snapshot on the way out only saves
    /// the next incarnation a long replay. Thousands of trackers stop at once on hand-off, so only those with a long
    /// replay ahead pay for one.
    /// </summary>
    private void StopDurably()
    {
        if (_persistedSinceSnapshot < Math.Max(1, _settings.SnapshotEvery / 10))
        {
            Context.Stop(Self);
            return;
        }
        _stopAfterSnapshot = LastSequenceNr;
        TakeSnapshot();
    }

    /// <summary>
    /// Drops the journal and snapshots behind a saved snapshot, one clean-up at a time: two overlapping journal
    /// deletes for one persistence id deadlock in PostgreSQL (40P01), and the loser's clean-up is simply lost.
    /// </summary>
    private void CleanUpTo(long sequenceNr)
    {
        if (_cleaningUpTo is not null)
        {
            _cleanUpNext = Math.Max(_cleanUpNext ?? 0, sequenceNr);
            return;
        }
        _cleaningUpTo = sequenceNr;
        DeleteMessages(sequenceNr);
        DeleteSnapshots(new SnapshotSelectionCriteria(sequenceNr - 1));
    }

    private void CleanedUp()
    {
        _cleaningUpTo = null;
        if (_cleanUpNext is { } next)
        {
            _cleanUpNext = null;
            CleanUpTo(next);
        }
        StopIfDone();
    }

    /// <summary>Stops once the stop snapshot is saved and its clean-up is on its way (nothing left waiting behind an
    /// earlier one); the journal finishes that clean-up without the tracker.</summary>
    private void StopIfDone()
    {
        if (_stopSnapshotSaved && _cleanUpNext is null) Context.Stop(Self);
    }

    private void RestoreFrom(TrackerSnapshot snapshot)
    {
        _traffic.Restore(snapshot.Traffic);
        // The window's head is the latest second the snapshot had applied (or later, if a quiet window slid): a bound
        // at least as high keeps stale batches from passing for a recreated log.
        _newestAppliedSecond = Math.Max(_newestAppliedSecond, snapshot.Traffic.HeadSecond);
        _watermarks.Restore(snapshot.Watermarks);
        _persistedSinceSnapshot = 0;
    }

    private const string TickKey = "tick";

    private sealed class Tick
    {
        public static Tick Instance { get; } = new();
    }
}
