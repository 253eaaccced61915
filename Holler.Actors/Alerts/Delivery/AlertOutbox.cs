using Akka.Actor;
using Akka.Event;
using Akka.Pattern;
using Akka.Persistence;
using Holler.Alerts.Channels;
using Holler.Domain.Alerts;

namespace Holler.Alerts.Delivery;

/// <summary>
/// The delivery outbox: a child of the alerts singleton that owns every notification from the moment it persisted it.
/// Persist before send, then at-least-once per channel with the notification's idempotency key; failed sends are
/// retried with exponential back-off and full jitter until <see cref="DeliverySettings.RetryFor"/> has passed since
/// acceptance, then dead-lettered with the reason. Sends run as tasks piped back as messages, so a slow or dead receiver
/// never holds up <see cref="DeliverNotification"/>; each receiver has a rate limit and a concurrency cap, and the
/// outbox a bound on what it holds. After a restart, what was pending is sent again (due at once).
/// See docs/alert-delivery.md#retries-and-dead-letters.
/// </summary>
public sealed class AlertOutbox : ReceivePersistentActor, IWithTimers
{
    /// <summary>Events between snapshots; a snapshot lets the journal be trimmed.</summary>
    public const int SnapshotEvery = 100;

    private readonly DeliverySettings _settings;
    private readonly IChannelSender _sender;
    private readonly ChannelSenders? _owned;
    /// <summary>Channels whose last attempt failed: said once when a channel starts failing and once when it recovers,
    /// not once per attempt.</summary>
    private readonly HashSet<string> _failing = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _clock;
    private readonly Func<double> _uniform;
    private readonly DeliveryMetrics _metrics;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly OutboxState _state;
    private readonly Dictionary<(string Key, string Channel), Attempts> _attempts = new();
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private int _sinceSnapshot;
    private bool _cleaning;

    public AlertOutbox(string persistenceId, DeliverySettings settings, IChannelSender? sender, TimeProvider clock,
        Func<double>? uniform, DeliveryMetrics? metrics)
    {
        PersistenceId = persistenceId;
        _settings = settings;
        _owned = sender is null ? new ChannelSenders(settings, clock) : null;
        _sender = sender ?? _owned!;
        _clock = clock;
        _uniform = uniform ?? Random.Shared.NextDouble;
        _metrics = metrics ?? new DeliveryMetrics();
        _state = new OutboxState(settings.MaxDeadLetters, settings.RememberDone);

        Recover<SnapshotOffer>(offer => { if (offer.Snapshot is OutboxSnapshot s) _state.Apply(s); });
        Recover<IAlertDeliveryPersisted>(e => _state.Apply(e));
        Recover<RecoveryCompleted>(_ =>
        {
            _log.Info("Alert outbox {0} recovered: {1} deliveries pending, {2} dead letters", PersistenceId,
                _state.PendingDeliveries, _state.DeadLettered);
            Timers.StartPeriodicTimer("tick", Tick.Instance, settings.Tick);
            Pump();
        });

        Command<DeliverNotification>(OnDeliver);
        Command<AttemptFinished>(OnAttemptFinished);
        Command<Tick>(_ => Pump());
        Command<GetDeadLetters>(q =>
            Sender.Tell(new DeadLettersReply(_state.NewestDeadLetters(q.Limit), _state.DeadLettered, _state.PendingDeliveries)));
        Command<RedriveDeadLetters>(OnRedrive);
        Command<SaveSnapshotSuccess>(s =>
        {
            _cleaning = true;
            DeleteMessages(s.Metadata.SequenceNr);
        });
        Command<SaveSnapshotFailure>(f => _log.Warning("Alert outbox {0}: snapshot failed: {1}", PersistenceId, f.Cause.Message));
        Command<DeleteMessagesSuccess>(d =>
        {
            // One clean-up at a time: overlapping deletes for one persistence id deadlock in PostgreSQL.
            DeleteSnapshots(new SnapshotSelectionCriteria(d.ToSequenceNr - 1));
            _cleaning = false;
        });
        Command<DeleteMessagesFailure>(f =>
        {
            _cleaning = false;
            _log.Warning("Alert outbox {0}: trimming the journal failed: {1}", PersistenceId, f.Cause.Message);
        });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    /// <summary>The outbox as a node runs it: the real channel senders (owned by it, closed when it stops), the system
    /// clock. The alerts singleton creates it as its child under a persistence id of its choosing.</summary>
    public static Props Props(string persistenceId, DeliverySettings settings, DeliveryMetrics? metrics = null) =>
        Akka.Actor.Props.Create(() => new AlertOutbox(persistenceId, settings, null, TimeProvider.System, null, metrics));

    /// <summary>The outbox under a back-off supervisor, as the alerts singleton starts it: a failed journal write stops a
    /// persistent actor, and the supervisor starts it again from its journal. What was in flight is handed over again
    /// by the alerts actor's periodic re-send of unaccepted notifications.</summary>
    public static Props Supervised(string persistenceId, DeliverySettings settings, DeliveryMetrics? metrics = null) =>
        BackoffSupervisor.Props(Backoff.OnStop(Props(persistenceId, settings, metrics), "outbox",
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, maxNrOfRetries: -1));

    /// <summary>With a sender, clock and jitter source of the caller's (tests).</summary>
    public static Props Props(string persistenceId, DeliverySettings settings, IChannelSender sender, TimeProvider clock,
        Func<double>? uniform = null, DeliveryMetrics? metrics = null) =>
        Akka.Actor.Props.Create(() => new AlertOutbox(persistenceId, settings, sender, clock, uniform, metrics));

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private void OnDeliver(DeliverNotification deliver)
    {
        var n = deliver.Notification;
        var key = n.IdempotencyKey;
        var replyTo = Sender;
        // A repeat (the alerts actor re-sends what it has not seen accepted after its own restart): already ours.
        if (_state.Knows(key))
        {
            replyTo.Tell(new NotificationAccepted(key));
            return;
        }
        var now = NowMs;
        var events = new List<IAlertDeliveryPersisted> { new OutboxQueued(n, now) };
        var room = _settings.MaxPending - _state.PendingDeliveries;
        foreach (var channel in n.Channels.Distinct(StringComparer.Ordinal))
        {
            string? refusal = null;
            if (!_settings.Channels.ContainsKey(channel)) refusal = $"no channel '{channel}' is configured (Alerts:Channels:{channel})";
            else if (room-- <= 0) refusal = $"the outbox is full: {_settings.MaxPending} deliveries waiting (Alerts:MaxPending)";
            if (refusal is not null) events.Add(new DeliveryDeadLettered(new DeadLetter(n, channel, refusal, 0, now, now)));
        }
        var left = events.Count;
        PersistAll(events, e =>
        {
            Applied(e);
            if (--left > 0) return;
            replyTo.Tell(new NotificationAccepted(key));
            // Only the newcomer: a full scan per acceptance would make a burst of alerts quadratic.
            if (_state.Find(key) is { } queued) Pump([queued]);
        });
    }

    /// <summary>An operator's re-drive: persisted before any send (so it survives a crash and is never sent from memory
    /// only), answered once persisted, then the deliveries start at once with a fresh retry period and no attempts.</summary>
    private void OnRedrive(RedriveDeadLetters redrive)
    {
        if (redrive.Limit is < 1 or > RedriveDeadLetters.MaxPerCall)
        {
            Sender.Tell(new RedriveReply(RedriveStatus.Refused, $"limit: {redrive.Limit} is not from 1 to {RedriveDeadLetters.MaxPerCall}", [], 0));
            return;
        }
        IReadOnlyList<DeadLetter> taken;
        int matching;
        if (redrive.Id is { } id)
        {
            if (_state.DeadLetter(id.Trim()) is not { } letter)
            {
                Sender.Tell(new RedriveReply(RedriveStatus.NotFound, $"no dead letter '{id}'", [], 0));
                return;
            }
            taken = [letter];
            matching = 1;
        }
        else (taken, matching) = _state.Match(redrive.Channel, redrive.RuleId, redrive.Limit);
        // Re-driven deliveries count against the outbox's bound like new ones: a re-drive must not grow it without limit.
        var room = _settings.MaxPending - _state.PendingDeliveries;
        if (taken.Count > room)
        {
            if (room <= 0)
            {
                Sender.Tell(new RedriveReply(RedriveStatus.Refused,
                    $"the outbox is full: {_settings.MaxPending} deliveries waiting (Alerts:MaxPending); re-drive when it has drained", [], matching));
                return;
            }
            taken = taken.Take(room).ToList();
        }
        var replyTo = Sender;
        var deliveries = taken.Select(d => new RedrivenDelivery(d.Notification.IdempotencyKey, d.Channel)).ToList();
        if (deliveries.Count == 0)
        {
            replyTo.Tell(new RedriveReply(RedriveStatus.Ok, null, [], 0));
            return;
        }
        Persist(new DeliveriesRedriven(deliveries, NowMs), e =>
        {
            Applied(e);
            replyTo.Tell(new RedriveReply(RedriveStatus.Ok, null, deliveries, matching - deliveries.Count));
            _log.Info("Alert outbox: {0} dead letters re-driven", deliveries.Count);
            var keys = deliveries.Select(d => d.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
            Pump(_state.Pending.Where(p => keys.Contains(p.Notification.IdempotencyKey)).ToList());
        });
    }

    private void Pump() => Pump(_state.Pending.ToList());

    private void Pump(IReadOnlyList<PendingNotification> candidates)
    {
        var now = NowMs;
        var deadline = _settings.RetryFor.Ticks / TimeSpan.TicksPerMillisecond;
        foreach (var pending in candidates)
        {
            var n = pending.Notification;
            foreach (var channelName in pending.Channels)
            {
                var id = (n.IdempotencyKey, channelName);
                var attempts = _attempts.TryGetValue(id, out var a) ? a : _attempts[id] = new Attempts();
                if (attempts.InFlight || attempts.Closing) continue;
                // A delivery recovered after its retry period still gets one attempt: it was never tried in this life.
                if (attempts.Count > 0 && now - _state.RetryFrom(pending, channelName) >= deadline)
                {
                    GiveUp(pending, channelName, attempts, $"gave up after {attempts.Count} attempts in {_settings.RetryFor}: {attempts.LastReason}");
                    continue;
                }
                if (attempts.DueMs > now) continue;
                if (!_settings.Channels.TryGetValue(channelName, out var channel))
                {
                    GiveUp(pending, channelName, attempts, $"no channel '{channelName}' is configured (Alerts:Channels:{channelName})");
                    continue;
                }
                if (_inFlight.GetValueOrDefault(channelName) >= channel.MaxConcurrent) continue;
                if (!Bucket(channel, now).TryTake(now)) continue;
                Start(n, channel, channelName, attempts);
            }
        }
    }

    /// <param name="name">The channel as the notification spells it: what its delivery is keyed by (settings match
    /// names case-insensitively, and so do the per-channel limits here).</param>
    private void Start(Notification n, ChannelSettings channel, string name, Attempts attempts)
    {
        attempts.InFlight = true;
        _inFlight[name] = _inFlight.GetValueOrDefault(name) + 1;
        var key = n.IdempotencyKey;
        // Task.Run: not even a sender's synchronous start (payload, DNS set-up) runs on the actor's thread.
        Task.Run(() => _sender.SendAsync(channel, n, CancellationToken.None))
            .PipeTo(Self,
                success: outcome => new AttemptFinished(key, name, outcome),
                failure: e => new AttemptFinished(key, name, SendOutcome.Retry($"unexpected {e.GetType().Name}")));
    }

    private void OnAttemptFinished(AttemptFinished finished)
    {
        // Read before anything observable (the metrics) changes, so a retry's wait starts from when the attempt ended.
        var now = NowMs;
        _inFlight[finished.Channel] = Math.Max(0, _inFlight.GetValueOrDefault(finished.Channel) - 1);
        var id = (finished.Key, finished.Channel);
        if (!_attempts.TryGetValue(id, out var attempts) || !_state.IsPending(finished.Key, finished.Channel))
        {
            Pump();
            return;
        }
        attempts.InFlight = false;
        attempts.Count++;
        var outcome = finished.Outcome;
        var pending = _state.Find(finished.Key)!;
        if (outcome.Delivered)
        {
            _metrics.Add(finished.Channel, DeliveryOutcome.Delivered);
            if (_failing.Remove(finished.Channel)) _log.Info("Alert channel {0} is delivering again", finished.Channel);
            attempts.Closing = true;
            Persist(new DeliverySucceeded(finished.Key, finished.Channel, attempts.Count, now), e =>
            {
                Applied(e);
                _attempts.Remove(id);
                Pump();
            });
            return;
        }
        _metrics.Add(finished.Channel, DeliveryOutcome.Failed);
        attempts.LastReason = outcome.Reason;
        if (_failing.Add(finished.Channel))
            _log.Warning("Alert channel {0} is failing ({1}); its deliveries are retried for up to {2}", finished.Channel,
                outcome.Reason, _settings.RetryFor);
        if (outcome.Permanent)
        {
            GiveUp(pending, finished.Channel, attempts, outcome.Reason);
        }
        else if (now - _state.RetryFrom(pending, finished.Channel) >= _settings.RetryFor.Ticks / TimeSpan.TicksPerMillisecond)
        {
            GiveUp(pending, finished.Channel, attempts, $"gave up after {attempts.Count} attempts in {_settings.RetryFor}: {outcome.Reason}");
        }
        else
        {
            var delay = _settings.Retry.Delay(attempts.Count, _uniform());
            if (outcome.RetryAfter is { } asked && asked > delay) delay = asked < _settings.Retry.Max ? asked : _settings.Retry.Max;
            attempts.DueMs = now + (long)delay.TotalMilliseconds;
            _log.Debug("Alert {0} to channel {1}: attempt {2} failed ({3}); next in {4:0.#} s", finished.Key, finished.Channel,
                attempts.Count, outcome.Reason, delay.TotalSeconds);
        }
        Pump();
    }

    private void GiveUp(PendingNotification pending, string channel, Attempts attempts, string reason)
    {
        attempts.Closing = true;
        var letter = new DeadLetter(pending.Notification, channel, reason, attempts.Count, _state.RetryFrom(pending, channel), NowMs);
        Persist(new DeliveryDeadLettered(letter), e =>
        {
            Applied(e);
            _attempts.Remove((pending.Notification.IdempotencyKey, channel));
        });
    }

    private void Applied(IAlertDeliveryPersisted e)
    {
        _state.Apply(e);
        if (e is DeliveriesRedriven r)
            foreach (var delivery in r.Deliveries) _metrics.Add(delivery.Channel, DeliveryOutcome.Redriven);
        if (e is DeliveryDeadLettered d)
        {
            _metrics.Add(d.Letter.Channel, DeliveryOutcome.DeadLettered);
            _log.Warning("Alert {0} to channel {1} dead-lettered after {2} attempts: {3}", d.Letter.Notification.IdempotencyKey,
                d.Letter.Channel, d.Letter.Attempts, d.Letter.Reason);
        }
        if (++_sinceSnapshot < SnapshotEvery || _cleaning) return;
        _sinceSnapshot = 0;
        SaveSnapshot(_state.ToSnapshot());
    }

    protected override void PostStop()
    {
        _owned?.Dispose();
        base.PostStop();
    }

    private TokenBucket Bucket(ChannelSettings channel, long now)
    {
        if (!_buckets.TryGetValue(channel.Name, out var bucket)) _buckets[channel.Name] = bucket = new TokenBucket(channel.RatePerMinute, now);
        return bucket;
    }

    /// <summary>One delivery's attempts in this life of the actor (not persisted: after a restart, it is due at once).</summary>
    private sealed class Attempts
    {
        public int Count;
        public long DueMs;
        public bool InFlight;
        /// <summary>Its end is being persisted; nothing more to start.</summary>
        public bool Closing;
        public string LastReason = "";
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    /// <summary>A send's result, piped back from its task (local only).</summary>
    private sealed record AttemptFinished(string Key, string Channel, SendOutcome Outcome);
}
