using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Holler.Domain.History;
using Holler.Domain.Surges;
using Holler.Leaderboard;

namespace Holler.History;

/// <summary>
/// One per node: takes the minute rows of the node's shard trackers and the cluster's surge reports, and writes them
/// to the history store in batches, one transaction per flush, one flush at a time. The queue is bounded: when the
/// database falls behind, rows beyond it are dropped and counted (<see cref="HistoryMetrics.Dropped"/>), so a slow
/// database never slows ingest. Also runs the retention job. See docs/history.md.
/// </summary>
public sealed class HistoryWriter : ReceiveActor, IWithTimers
{
    private readonly HistoryStore _store;
    private readonly HistorySettings _settings;
    private readonly HistoryMetrics _metrics;
    private readonly Func<string, (string Category, string City)> _place;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<MinuteRollup> _queue = new();
    private readonly List<HistorySurge> _surges = [];
    private readonly List<IActorRef> _waiting = [];
    private List<IActorRef> _waitingOnThisFlush = [];
    private bool _flushing;
    private bool _retaining;
    private DateTimeOffset? _downsampledTo;

    public HistoryWriter(HistoryStore store, HistorySettings settings, HistoryMetrics metrics,
        Func<string, (string Category, string City)> place, TimeProvider clock, IActorRef? mediator)
    {
        _store = store;
        _settings = settings;
        _metrics = metrics;
        _place = place;
        _clock = clock;
        mediator?.Tell(new Subscribe(SurgeRecorded.Topic, Self));

        Receive<RecordMinutes>(record =>
        {
            var room = _settings.QueueCapacity - _queue.Count;
            var take = Math.Min(room, record.Rows.Length);
            for (var i = 0; i < take; i++) _queue.Enqueue(record.Rows[i]);
            if (take < record.Rows.Length) _metrics.RowsDropped(record.Rows.Length - take);
            _metrics.QueueIs(_queue.Count);
            if (_queue.Count >= _settings.BatchSize) Flush();
        });
        Receive<SurgeRecorded>(recorded =>
        {
            // The store's surges are traffic episodes (its past leaderboards rank them by ratio); an error surge's
            // ratio is a 5xx share, and the store has no column for its kind yet (docs/dimensions.md#status).
            if (!recorded.Record.Errors) _surges.Add(ToHistory(recorded.Record));
        });
        Receive<SubscribeAck>(_ => { });
        Receive<FlushHistory>(_ =>
        {
            _waiting.Add(Sender);
            Flush();
        });
        Receive<FlushTick>(_ => Flush());
        Receive<Flushed>(flushed =>
        {
            _flushing = false;
            if (flushed.Failure is { } failure)
            {
                _metrics.WriteFailed();
                _log.Warning("History write of {0} rows failed ({1}); trying again", flushed.Rows.Length, failure.GetBaseException().Message);
                // Back at the front, as far as the queue has room: failures must not grow memory without bound.
                Requeue(flushed.Rows, flushed.Surges);
            }
            else _metrics.RowsWritten(flushed.Rows.Length, flushed.Surges.Length);
            _metrics.QueueIs(_queue.Count);
            var done = _waitingOnThisFlush;
            _waitingOnThisFlush = [];
            if (flushed.Failure is null && _queue.Count == 0 && _surges.Count == 0)
                foreach (var waiter in done) waiter.Tell(HistoryFlushed.Instance);
            else _waiting.AddRange(done);
            if (_queue.Count >= _settings.BatchSize || (_waiting.Count > 0 && flushed.Failure is null)) Flush();
        });
        Receive<RetentionTick>(_ => Retain(null));
        Receive<RunHistoryRetention>(_ => Retain(Sender));
        Receive<Retained>(retained =>
        {
            _retaining = false;
            if (retained.Failure is { } failure)
                _log.Warning("History retention failed ({0})", failure.GetBaseException().Message);
            else
            {
                _downsampledTo = retained.Now;
                if (retained.Deleted != default)
                    _log.Info("History retention deleted {0} minute, {1} hour and {2} surge rows", retained.Deleted.Minutes,
                        retained.Deleted.Hours, retained.Deleted.Surges);
            }
            retained.ReplyTo?.Tell(retained.Failure is null ? new Status.Success(retained.Deleted) : new Status.Failure(retained.Failure));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(HistoryStore store, HistorySettings settings, HistoryMetrics metrics,
        Func<string, (string Category, string City)> place, TimeProvider? clock = null, IActorRef? mediator = null) =>
        Props.Create(() => new HistoryWriter(store, settings, metrics, place, clock ?? TimeProvider.System, mediator));

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("flush", FlushTick.Instance, _settings.FlushEvery);
        Timers.StartPeriodicTimer("retention", RetentionTick.Instance, _settings.RetentionEvery);
    }

    /// <summary>What is still queued is written before the node goes, as far as the database lets it in a few seconds.</summary>
    protected override void PostStop()
    {
        if (_queue.Count == 0 && _surges.Count == 0) return;
        try
        {
            _store.WriteAsync(Deduplicated(_queue.ToArray()), _surges.ToArray()).Wait(TimeSpan.FromSeconds(5));
        }
        catch (Exception e)
        {
            _log.Warning("History rows still queued at stop were not written ({0})", e.GetBaseException().Message);
        }
    }

    private void Flush()
    {
        if (_flushing) return;
        if (_queue.Count == 0 && _surges.Count == 0)
        {
            foreach (var waiter in _waiting) waiter.Tell(HistoryFlushed.Instance);
            _waiting.Clear();
            return;
        }
        var n = Math.Min(_settings.BatchSize, _queue.Count);
        var rows = new MinuteRollup[n];
        for (var i = 0; i < n; i++) rows[i] = _queue.Dequeue();
        var surges = _surges.ToArray();
        _surges.Clear();
        _flushing = true;
        _waitingOnThisFlush = [.. _waiting];
        _waiting.Clear();
        _store.WriteAsync(Deduplicated(rows), surges).ContinueWith(
            t => new Flushed(rows, surges, t.Exception),
            TaskContinuationOptions.ExecuteSynchronously).PipeTo(Self);
    }

    /// <summary>One row per business and minute, the highest count: PostgreSQL refuses an upsert that touches a row twice.</summary>
    internal static MinuteRollup[] Deduplicated(MinuteRollup[] rows)
    {
        var best = new Dictionary<(string, long), MinuteRollup>(rows.Length);
        foreach (var row in rows)
            if (!best.TryGetValue((row.BusinessId, row.Minute), out var known) || row.Count >= known.Count)
                best[(row.BusinessId, row.Minute)] = row;
        return best.Count == rows.Length ? rows : best.Values.ToArray();
    }

    private void Requeue(MinuteRollup[] rows, HistorySurge[] surges)
    {
        var rest = _queue.ToArray();
        _queue.Clear();
        var keep = Math.Min(rows.Length, _settings.QueueCapacity);
        for (var i = 0; i < keep; i++) _queue.Enqueue(rows[i]);
        if (keep < rows.Length) _metrics.RowsDropped(rows.Length - keep);
        var room = _settings.QueueCapacity - _queue.Count;
        for (var i = 0; i < rest.Length; i++)
        {
            if (i < room) _queue.Enqueue(rest[i]);
            else
            {
                _metrics.RowsDropped(rest.Length - room);
                break;
            }
        }
        _surges.InsertRange(0, surges);
    }

    private void Retain(IActorRef? replyTo)
    {
        if (_retaining) return;
        _retaining = true;
        var now = _clock.GetUtcNow();
        // Hours recomputed since a little before the last run: minutes close up to a few minutes late.
        DateTimeOffset? from = _downsampledTo is { } last ? last - TimeSpan.FromHours(2) : null;
        _store.ApplyRetentionAsync(_settings, now, from).ContinueWith(
            t => new Retained(now, t.IsCompletedSuccessfully ? t.Result : default, t.Exception, replyTo),
            TaskContinuationOptions.ExecuteSynchronously).PipeTo(Self);
    }

    private HistorySurge ToHistory(SurgeRecord record)
    {
        var (category, city) = _place(record.BusinessId);
        return new HistorySurge(record.BusinessId, record.StartedMs, record.EndedMs, record.PeakScore, record.PeakCount,
            record.PeakRatio, record.Drop, category, city);
    }

    private sealed record Flushed(MinuteRollup[] Rows, HistorySurge[] Surges, Exception? Failure);

    private sealed record Retained(DateTimeOffset Now, (int Minutes, int Hours, int Surges) Deleted, Exception? Failure, IActorRef? ReplyTo);

    private sealed class FlushTick
    {
        public static FlushTick Instance { get; } = new();
    }

    private sealed class RetentionTick
    {
        public static RetentionTick Instance { get; } = new();
    }
}
