using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Cluster.Tools.PublishSubscribe;
using Holler.Alerts;
using Holler.Domain.Detection;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;
using Holler.Leaderboard;

namespace Holler.Tracking;

/// <summary>
/// The sharded entity for one shard's businesses: a thin persistent shell around <see cref="ShardState"/>. Applies
/// micro-batches exactly once (offset watermarks), acknowledges them only once durable, and tells the leaderboard
/// when a business enters, moves within, or leaves a surge.
/// </summary>
/// <remarks>
/// One entity per shard, not per business (see docs/architecture.md#one-tracker-per-shard): at 200,000 businesses a
/// micro-batch touched thousands of entities, each with its own message, journal write, acknowledgement and, after a
/// move, its own recovery; a node spent ~25 µs of CPU per event on that, and on PostgreSQL thousands of recoveries at
/// once starved the connection pool. Per shard, all of it happens once per shard and micro-batch.
/// </remarks>
public sealed partial class ShardTracker : ReceivePersistentActor, IWithTimers
{
    private readonly string _shardId;
    private readonly TrackerSettings _settings;
    private readonly IActorRef _leaderboard;
    private readonly IActorRef? _alerts;
    private readonly TimeProvider _clock;
    private readonly ShardState _state;
    private readonly HashSet<TrackedBusiness> _surging = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly TrackerMetrics? _metrics;
    private readonly Action<TrackedBusiness> _added;
    private readonly RateWatcher _rates = new();
    /// <summary>Minute rows for the node's history writer; null when the node keeps no history.</summary>
    private readonly TrackerHistory? _history;

    /// <summary>Deviations at the alarm threshold: the drill-down's band, found once (a bisection over the tail).</summary>
    private readonly double _band;
    // Null, not 0, for "none in flight": a monotonic timestamp may be anything, 0 included.
    private long? _snapshotStartedAt;
    private long _lastSnapshotTicks;

    private int _persistedSinceSnapshot;
    private long _eventsSinceSnapshot;
    /// <summary>Sequence number of the snapshot taken to stop; the tracker stops once that one (not an earlier one
    /// still in flight) is saved or has failed.</summary>
    private long? _stopAfterSnapshot;
    private bool _stopSnapshotSaved;
    /// <summary>Sequence number the journal clean-up in flight deletes up to; null when none is.</summary>
    private long? _cleaningUpTo;
    /// <summary>The clean-up to start when the one in flight is done.</summary>
    private long? _cleanUpNext;
    /// <summary>Who sent the batch being persisted (Persist stashes everything else meanwhile, so there is one).</summary>
    private IActorRef? _persistingFor;
    /// <summary>The shard number that batch was addressed to, for the reply if the write fails.</summary>
    private int _persistingShard;

    public ShardTracker(string shardId, TrackerSettings settings, IActorRef leaderboard, TimeProvider clock,
        TrackerMetrics? metrics = null, IActorRef? alerts = null, HistoryTarget? history = null)
    {
        _alerts = alerts;
        _history = history is null ? null : new TrackerHistory(history.Writer, history.ResendMinutes);
        _shardId = shardId;
        _metrics = metrics;
        _settings = settings;
        _leaderboard = leaderboard;
        _clock = clock;
        _state = new ShardState(settings);
        _band = SeverityScale.DeviationFor(settings.Detector.EnterSeverity);
        _added = _ => _metrics?.BusinessAdded();
        _lastSnapshotTicks = Now;

        Recover<SnapshotOffer>(offer =>
        {
            if (RestoreCheckpoint(offer.Snapshot))
            {
                _persistedSinceSnapshot = 0;
                _eventsSinceSnapshot = 0;
            }
        });
        Recover<TrafficRecorded>(recorded =>
        {
            // Evaluate as the live path did after persisting this event, or the detector (surging, since when, score)
            // would come back as the last snapshot left it and a surge begun after that snapshot would be forgotten.
            foreach (var business in _state.Apply(recorded, Now, _added)) business.Traffic.Evaluate();
            _persistedSinceSnapshot++;
            foreach (var count in recorded.Counts) _eventsSinceSnapshot += count;
        });

        Command<TrafficBatch>(HandleBatch);
        Command<CheckpointRequest>(OnCheckpointRequest);
        Command<RetryCheckpoint>(_ => TakeCheckpoint());
        Command<GetBusinessSeries>(query =>
        {
            var business = _state.Find(query.BusinessId);
            if (business is not null) _state.SlideIfQuiet(business, Now);
            var series = Describe(query.BusinessId, business?.Traffic ?? _state.Unseen());
            if (business?.Dimensions is { } kept) series = series with { Dimensions = kept.Summarise(business.Traffic.Window.HeadSecond) };
            Sender.Tell(series);
        });
        Command<GetRecentEvents>(OnGetRecentEvents);
        Command<Tick>(_ => OnTick());
        Command<DimensionSweep>(_ => SweepDimensions());
        Command<AlertWatchesUpdated>(watches =>
        {
            var reports = new List<RateChanged>();
            var changed = _rates.Update(watches.Rates, reports);
            TellAlerts(reports);
            // A new rule sees traffic already in the windows (slid to now first, so only recent traffic counts).
            if (changed && _rates.Watching)
            {
                var now = Now;
                foreach (var business in _state.Businesses) _state.SlideIfQuiet(business, now);
                CheckRates(_state.Businesses);
            }
        });
        Command<RateTick>(_ =>
        {
            var reports = new List<RateChanged>();
            var now = Now;
            _rates.Tick(business => _state.SlideIfQuiet(business, now), reports);
            TellAlerts(reports);
            if (!_rates.AnyOver) Timers.Cancel(RateTickKey);
        });
        Command<SubscribeAck>(_ => { });
        Command<HistorySweep>(_ => _history?.Sweep(_state.Businesses, Now));
        Command<StopTracker>(_ => StopDurably());
        Command<SaveSnapshotSuccess>(success =>
        {
            if (_snapshotStartedAt is { } startedAt) _metrics?.SnapshotSaved(Stopwatch.GetElapsedTime(startedAt));
            if (CheckpointSaved()) return;
            // The snapshot holds everything up to its sequence number; older entries are dead weight.
            CleanUpTo(success.Metadata.SequenceNr);
            if (success.Metadata.SequenceNr >= _stopAfterSnapshot) _stopSnapshotSaved = true;
            StopIfDone();
        });
        Command<SaveSnapshotFailure>(failure =>
        {
            if (CheckpointFailed(failure.Cause)) return;
            _log.Warning(failure.Cause, "Snapshot of shard {0} failed; its journal still holds every event", _shardId);
            if (failure.Metadata.SequenceNr >= _stopAfterSnapshot) Context.Stop(Self);
        });
        Command<DeleteMessagesSuccess>(_ => CleanedUp());
        Command<DeleteMessagesFailure>(f =>
        {
            _log.Warning(f.Cause, "Journal clean-up of shard {0} failed", _shardId);
            CleanedUp();
        });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Snapshot clean-up of shard {0} failed", _shardId));
    }

    // Journals and snapshots already stored are keyed by this: never change it.
    public static string PersistenceIdFor(string shardId) => "tracker-shard-" + shardId;

    public override string PersistenceId => PersistenceIdFor(_shardId);

    public ITimerScheduler Timers { get; set; } = null!;

    private long Now => _clock.GetUtcNow().UtcTicks;

    /// <remarks>Not <c>Props.Create(() => new …)</c>, which compiles an expression tree for every tracker started.</remarks>
    /// <param name="alerts">The alerts singleton (proxy), told the same surge reports as the leaderboard; null for none.</param>
    public static Props PropsFor(string shardId, TrackerSettings settings, IActorRef leaderboard, TimeProvider? clock = null,
        TrackerMetrics? metrics = null, IActorRef? alerts = null, HistoryTarget? history = null) =>
        Props.CreateBy(new Producer(shardId, settings, leaderboard, clock ?? TimeProvider.System, metrics, alerts, history));

    private sealed class Producer(string shardId, TrackerSettings settings, IActorRef leaderboard, TimeProvider clock,
        TrackerMetrics? metrics, IActorRef? alerts, HistoryTarget? history) : IIndirectActorProducer
    {
        public Type ActorType => typeof(ShardTracker);
        public ActorBase Produce() => new ShardTracker(shardId, settings, leaderboard, clock, metrics, alerts, history);
        public void Release(ActorBase actor) { }
    }

    protected override void PreStart()
    {
        _metrics?.TrackerStarted();
        // The rate rules' watches come from the alerts singleton over pub-sub (see RateWatcher), which needs a cluster:
        // a test system may wire a probe as the alerts singleton without one.
        if (_alerts is not null && ((ExtendedActorSystem)Context.System).Provider is Akka.Cluster.ClusterActorRefProvider)
            DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(AlertWatchesUpdated.Topic, Self));
        if (_history is not null) Timers.StartPeriodicTimer(HistorySweep.Key, HistorySweep.Instance, TrackerHistory.SweepEvery);
        base.PreStart();
    }

    protected override void PostStop()
    {
        _metrics?.TrackerStopped(_state.Count);
        base.PostStop();
    }

    protected override void OnReplaySuccess()
    {
        _history?.Recovered(_state.Businesses);
        MarkRecoveredDurable();
        // Businesses that were surging when the shard stopped re-announce themselves (or their end) to the leaderboard.
        foreach (var business in _state.Businesses)
        {
            if (!business.Traffic.Detector.IsSurging) continue;
            Report(business, business.Traffic.Evaluate() == SurgeTransition.Ended ? SurgeTransition.Ended : SurgeTransition.Updated);
            if (business.Traffic.Detector.IsSurging) StartTicking(business);
        }
    }

    /// <summary>
    /// The journal failed (say the database is away). Akka.Persistence stops the tracker now, as it must: whether the
    /// write landed is unknown. Saying so at once lets the ingest back off and send the batch again, instead of
    /// waiting out its acknowledgement timeout; a new incarnation recovers and the watermarks skip what did land.
    /// </summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _persistingFor?.Tell(new TrafficBatchNotDurable(_persistingShard, cause.GetBaseException().Message));
        _persistingFor = null;
        _log.Warning("Journal write for shard {0} failed ({1}); stopping until the batch is sent again", _shardId,
            cause.GetBaseException().Message);
    }

    private void HandleBatch(TrafficBatch batch)
    {
        if (batch.Offsets.Length != batch.Seconds.Length || batch.Offsets.Length != batch.Businesses.Length
            || batch.Offsets.Length == 0 || batch.Businesses.Any(b => (uint)b >= (uint)batch.BusinessIds.Length))
        {
            _log.Warning("Ignoring malformed batch for shard {0}: {1} offsets, {2} seconds, {3} business indexes over {4} ids",
                _shardId, batch.Offsets.Length, batch.Seconds.Length, batch.Businesses.Length, batch.BusinessIds.Length);
            Sender.Tell(new TrafficBatchAck(batch.Shard, 0, 0));
            return;
        }
        if (RefusesBatch(batch)) return;
        var recorded = _state.Summarise(batch, out var fresh, out var recreated);
        if (recreated)
            _log.Info("Partition {0}'s log ends at {1}, below what shard {2} applied: the log was recreated, starting afresh",
                batch.Partition, batch.LogEndOffset, _shardId);
        var duplicates = batch.Offsets.Length - fresh;
        if (recorded is null)
        {
            Sender.Tell(new TrafficBatchAck(batch.Shard, 0, duplicates, DurableUpTo(batch.Partition)));
            return;
        }
        RememberRecent(batch, recorded);
        if (_settings.Durability == TrackerDurability.Checkpoint)
        {
            ApplyRecorded(recorded, batch, fresh, duplicates, Sender);
            CheckpointIfDue();
            return;
        }

        var replyTo = _persistingFor = Sender;
        _persistingShard = batch.Shard;
        long? writeStartedAt = _metrics is null ? null : Stopwatch.GetTimestamp();
        Persist(recorded, e =>
        {
            _persistingFor = null;
            if (writeStartedAt is { } startedAt) _metrics!.JournalWritten(Stopwatch.GetElapsedTime(startedAt));
            ApplyRecorded(e, batch, fresh, duplicates, replyTo);
            if (_settings.SnapshotDue(++_persistedSinceSnapshot, _eventsSinceSnapshot, _state.Count, TimeSpan.FromTicks(Now - _lastSnapshotTicks)))
                TakeSnapshot();
        });
    }

    /// <summary>Applies what a batch brought, acknowledges it, and evaluates the businesses it touched.</summary>
    private void ApplyRecorded(TrafficRecorded recorded, TrafficBatch batch, int fresh, int duplicates, IActorRef replyTo)
    {
        _history?.Before(_state, recorded);
        var touched = _state.Apply(recorded, Now, _added);
        _history?.After(touched, recorded);
        replyTo.Tell(new TrafficBatchAck(batch.Shard, fresh, duplicates, DurableUpTo(recorded.Partition)));
        // Before the surges are evaluated, so a surge's first report already names its drivers.
        ApplyDimensions(batch, touched);
        foreach (var business in touched)
        {
            var transition = business.Traffic.Evaluate();
            // Moves within a surge are reported by the tick, at most once a second, not on every batch.
            if (transition is SurgeTransition.Started or SurgeTransition.Ended) Report(business, transition);
            if (transition == SurgeTransition.Started)
            {
                StartTicking(business);
                _metrics?.SurgeStarted();
            }
        }
        if (_rates.Watching) CheckRates(touched);
        _eventsSinceSnapshot += fresh;
    }

    private void OnTick()
    {
        var now = Now;
        List<TrackedBusiness>? ended = null;
        foreach (var business in _surging)
        {
            _state.SlideIfQuiet(business, now);
            var transition = business.Traffic.Evaluate();
            if (business.Traffic.Detector.IsSurging || transition == SurgeTransition.Ended)
                Report(business, transition == SurgeTransition.Ended ? SurgeTransition.Ended : SurgeTransition.Updated);
            if (!business.Traffic.Detector.IsSurging) (ended ??= []).Add(business);
        }
        if (ended is not null) _surging.ExceptWith(ended);
        TickErrors(now);
        if (!Ticking) Timers.Cancel(TickKey);
    }

    private void CheckRates(IEnumerable<TrackedBusiness> touched)
    {
        var reports = new List<RateChanged>();
        foreach (var business in touched) _rates.Check(business, reports);
        TellAlerts(reports);
        if (_rates.AnyOver && !Timers.IsTimerActive(RateTickKey)) Timers.StartPeriodicTimer(RateTickKey, RateTick.Instance, _settings.Tick);
    }

    private void TellAlerts(List<RateChanged> reports)
    {
        if (_alerts is null) return;
        foreach (var report in reports) _alerts.Tell(report);
    }

    private void StartTicking(TrackedBusiness business)
    {
        _surging.Add(business);
        if (!Timers.IsTimerActive(TickKey)) Timers.StartPeriodicTimer(TickKey, Tick.Instance, _settings.Tick);
    }

    private void Report(TrackedBusiness business, SurgeTransition transition)
    {
        var change = new SurgeChanged(business.Id, transition != SurgeTransition.Ended, Entry(business));
        _leaderboard.Tell(change);
        // The alerts singleton gets the same reports: it resolves an alert whose business stops being reported, so a
        // report lost while it moves between nodes cannot leave an alert firing.
        _alerts?.Tell(change);
    }

    private LeaderboardEntry Entry(TrackedBusiness business)
    {
        var traffic = business.Traffic;
        return new LeaderboardEntry(business.Id, traffic.Detector.Score, traffic.Window.Sum, traffic.Expected, traffic.Ratio,
            traffic.Detector.SinceSecond * 1000, _clock.GetUtcNow().ToUnixTimeMilliseconds(), traffic.Detector.IsDrop,
            DriversOf(business));
    }

    private BusinessSeries Describe(string businessId, BusinessTraffic traffic)
    {
        var state = traffic.ToState();
        var band = _band;
        var expected = traffic.Expected;
        double[] expectedMinutes = [], low = [], high = [];
        if (traffic.IsWarm && !traffic.Window.IsEmpty)
        {
            var lastMinute = BusinessTraffic.FloorDiv(state.HeadSecond, 60);
            expectedMinutes = new double[state.MinuteCounts.Length];
            low = new double[expectedMinutes.Length];
            high = new double[expectedMinutes.Length];
            for (var i = 0; i < expectedMinutes.Length; i++)
            {
                var minute = lastMinute - expectedMinutes.Length + 1 + i;
                expectedMinutes[i] = traffic.ExpectedAt(minute * 60 + 59);
                low[i] = traffic.CountAt(expectedMinutes[i], -band);
                high[i] = traffic.CountAt(expectedMinutes[i], band);
            }
        }
        return new BusinessSeries(
            businessId, traffic.Window.IsEmpty ? 0 : state.HeadSecond, state.WindowCounts, state.MinuteCounts,
            traffic.Window.Sum, expected, traffic.IsWarm ? traffic.CountAt(expected, -band) : 0,
            traffic.IsWarm ? traffic.CountAt(expected, band) : 0, traffic.IsWarm, traffic.Detector.Score, traffic.Ratio,
            traffic.Detector.IsSurging, traffic.Detector.IsSurging ? traffic.Detector.SinceSecond * 1000 : 0,
            traffic.Total, traffic.Late, expectedMinutes, low, high,
            traffic.ShiftMinutes, (int)Math.Round(_settings.Baseline.AdoptShiftAfterMinutes), traffic.Detector.IsDrop);
    }

    private void TakeSnapshot()
    {
        _persistedSinceSnapshot = 0;
        _eventsSinceSnapshot = 0;
        _lastSnapshotTicks = Now;
        _snapshotStartedAt = Stopwatch.GetTimestamp();
        SaveSnapshot(_state.ToCheckpoint());
    }

    /// <summary>
    /// Every event is already in the journal, so stopping never loses anything; a snapshot on the way out only saves
    /// the next incarnation a long replay, so only a tracker with a long replay ahead pays for one.
    /// </summary>
    private void StopDurably()
    {
        if (_settings.Durability == TrackerDurability.Checkpoint)
        {
            StopAfterCheckpoint();
            return;
        }
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

    private const string TickKey = "tick";
    private const string RateTickKey = "rate-tick";

    private sealed class RateTick
    {
        public static RateTick Instance { get; } = new();
    }

    private sealed class Tick
    {
        public static Tick Instance { get; } = new();
    }
}
