using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Holler.Alerts.Delivery;
using Holler.Domain.Alerts;
using Holler.Leaderboard;

namespace Holler.Alerts;

/// <summary>
/// The cluster singleton holding the alert rules and alerts: a persistent shell around <see cref="AlertBook"/>. Fed by
/// the trackers' <see cref="SurgeChanged"/> (the same reports the leaderboard gets) and by operator commands. Every
/// change is journalled before anything is sent: a notification is persisted (<see cref="NotificationQueued"/>) and only
/// then handed to delivery as <see cref="DeliverNotification"/>; after a restart or a move to another node, every
/// notification delivery has not confirmed with <see cref="NotificationAccepted"/> is handed over again, and delivery
/// ignores a key it already holds. So each transition is notified once, whatever node dies when (see docs/alerts.md).
/// </summary>
public sealed class AlertsActor : ReceivePersistentActor, IWithTimers
{
    // Journals already stored are keyed by this: never change it.
    public const string PersistenceIdValue = "alerts";

    private readonly AlertBook _book;
    private readonly TimeProvider _clock;
    private readonly Props? _deliveryProps;
    private readonly AlertMetrics? _metrics;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef? _delivery;
    private int _eventsSinceSnapshot;
    private bool _snapshotInFlight;
    private IActorRef? _mediator;
    private AlertWatchesUpdated _lastWatches = new([]);
    private int _ticksSinceWatches;
    private const int RepublishWatchesEvery = 5;

    public AlertsActor(AlertSettings settings, BusinessFactsLookup facts, Props? deliveryProps, IActorRef? delivery, TimeProvider clock,
        AlertMetrics? metrics)
    {
        _metrics = metrics;
        _book = new AlertBook(settings, facts);
        _clock = clock;
        _deliveryProps = deliveryProps;
        _delivery = delivery;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is AlertBookState state) _book.Restore(state, NowMs);
        });
        Recover<IAlertEvent>(e =>
        {
            _book.Apply(e);
            _eventsSinceSnapshot++;
        });

        Command<SurgeChanged>(change => Record(_book.Observe(SurgeSignals.From(change), NowMs)));
        Command<RateChanged>(change => Record(_book.Observe(SurgeSignals.From(change), NowMs)));
        Command<Tick>(_ =>
        {
            Record(_book.Tick(NowMs));
            PublishWatches();
        });
        Command<ResendTick>(_ =>
        {
            foreach (var notification in _book.Unconfirmed(NowMs, settings.ResendAfter)) Deliver(notification);
        });
        Command<NotificationAccepted>(accepted => Record(_book.Confirm(accepted.IdempotencyKey).Events));

        Command<AddAlertRule>(add => Reply(_book.AddRule(add.Rule with { CreatedMs = NowMs }), () => _book.Rule(add.Rule.Id), null));
        Command<RemoveAlertRule>(remove =>
        {
            var rule = _book.Rule(remove.RuleId);
            Reply(_book.RemoveRule(remove.RuleId, NowMs), () => rule, null);
        });
        Command<MuteAlertRule>(mute => Reply(_book.MuteRule(mute.RuleId, mute.UntilMs), () => _book.Rule(mute.RuleId), null));
        Command<SnoozeBusiness>(snooze => Reply(_book.SnoozeBusiness(snooze.RuleId, snooze.BusinessId, snooze.UntilMs),
            () => snooze.RuleId is null ? null : _book.Rule(snooze.RuleId), null));
        Command<SnoozeAlert>(snooze =>
        {
            if (_book.Alert(snooze.AlertId) is not { } alert)
            {
                Sender.Tell(new AlertsReply(AlertsReplyStatus.NotFound, $"no alert '{snooze.AlertId}'", null, null));
                return;
            }
            Reply(_book.SnoozeBusiness(alert.RuleId, alert.BusinessId, snooze.UntilMs), () => _book.Rule(alert.RuleId),
                () => _book.Alert(alert.Id));
        });
        Command<AcknowledgeAlert>(ack => Reply(_book.Acknowledge(ack.AlertId, ack.By, NowMs), null, () => _book.Alert(ack.AlertId)));
        Command<MarkAlertNotReal>(mark =>
            Reply(_book.MarkNotReal(mark.AlertId, mark.By, mark.Note, NowMs), null, () => _book.Alert(mark.AlertId)));

        Command<GetAlertRules>(_ => Sender.Tell(new AlertRulesReply(_book.Rules, _book.Snoozes)));
        Command<GetAlerts>(get => Sender.Tell(new AlertListReply(_book.Find(get.Filter))));
        Command<GetAlert>(get => Sender.Tell(_book.Alert(get.AlertId) is { } alert
            ? new AlertsReply(AlertsReplyStatus.Ok, null, _book.Rule(alert.RuleId), alert)
            : new AlertsReply(AlertsReplyStatus.NotFound, $"no alert '{get.AlertId}'", null, null)));

        // The outbox is this actor's child, so it moves with it; asking through here reaches it from any node's proxy.
        Command<GetDeadLetters>(get =>
        {
            if (_delivery is null) Sender.Tell(new DeadLettersReply([], 0, 0));
            else _delivery.Forward(get);
        });
        Command<RedriveDeadLetters>(redrive =>
        {
            if (_delivery is null)
                Sender.Tell(redrive.Id is null ? new RedriveReply(RedriveStatus.Ok, null, [], 0)
                    : new RedriveReply(RedriveStatus.NotFound, $"no dead letter '{redrive.Id}'", [], 0));
            else _delivery.Forward(redrive);
        });

        Command<SaveSnapshotSuccess>(success =>
        {
            _snapshotInFlight = false;
            DeleteMessages(success.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(failure =>
        {
            _snapshotInFlight = false;
            _log.Warning(failure.Cause, "Snapshot of the alert book failed; its journal still holds every change");
        });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning(f.Cause, "Journal clean-up of the alert book failed"));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Snapshot clean-up of the alert book failed"));
    }

    public override string PersistenceId => PersistenceIdValue;

    public ITimerScheduler Timers { get; set; } = null!;

    private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The actor itself, for tests. <paramref name="delivery"/> is an existing outbox (a probe); otherwise
    /// <paramref name="deliveryProps"/> starts one as a child; with neither, notifications wait in the journal.</summary>
    public static Props PropsFor(AlertSettings settings, BusinessFactsLookup facts, Props? deliveryProps = null, IActorRef? delivery = null,
        TimeProvider? clock = null, AlertMetrics? metrics = null) =>
        Props.Create(() => new AlertsActor(settings, facts, deliveryProps, delivery, clock ?? TimeProvider.System, metrics));

    protected override void OnReplaySuccess()
    {
        var now = NowMs;
        _book.Recovered(now);
        if (_delivery is null && _deliveryProps is not null) _delivery = Context.ActorOf(_deliveryProps, "delivery");
        if (_delivery is null) _log.Info("No delivery for alert notifications: they are journalled but not sent");
        // Whatever was persisted but not confirmed may never have reached delivery (the node died in between).
        foreach (var notification in _book.Unconfirmed(now, TimeSpan.Zero)) Deliver(notification);
        Timers.StartPeriodicTimer("tick", Tick.Instance, _book.Settings.Tick);
        Timers.StartPeriodicTimer("resend", ResendTick.Instance, _book.Settings.ResendAfter);
    }

    /// <summary>A rejected write (the serializer refused the event) leaves the book ahead of the journal: start over
    /// from the journal rather than go on with a state nobody stored.</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        throw new InvalidOperationException($"the alert book could not journal {@event.GetType().Name}", cause);
    }

    /// <summary>Journals events the book has already applied; each notification goes to delivery once its event is
    /// durable. Commands wait meanwhile (Persist stashes), so nothing reads a state ahead of the journal.</summary>
    private void Record(IReadOnlyList<IAlertEvent> events)
    {
        if (events.Count == 0) return;
        PersistAll(events, e =>
        {
            _eventsSinceSnapshot++;
            switch (e)
            {
                case NotificationQueued queued:
                    Deliver(queued.Notification);
                    break;
                case AlertFired:
                    _metrics?.AddFired();
                    break;
                case AlertResolved:
                    _metrics?.AddResolved();
                    break;
            }
        });
        // Deferred until every event above is written and handled: a snapshot now holds exactly what the journal does.
        DeferAsync(events.Count, _ => SnapshotIfDue());
    }

    private void Reply(BookOutcome outcome, Func<AlertRule?>? rule, Func<Alert?>? alert)
    {
        var replyTo = Sender;
        if (!outcome.Ok)
        {
            replyTo.Tell(new AlertsReply(outcome.NotFound ? AlertsReplyStatus.NotFound : AlertsReplyStatus.Refused, outcome.Problem, null, null));
            return;
        }
        Record(outcome.Events);
        // Answered only once durable: an operator told "done" can rely on it surviving a crash.
        DeferAsync(outcome, _ => replyTo.Tell(new AlertsReply(AlertsReplyStatus.Ok, null, rule?.Invoke(), alert?.Invoke())));
    }

    /// <summary>Tells the trackers what the rate rules watch, when that changed and every <see cref="RepublishWatchesEvery"/>
    /// ticks (trackers start and move all the time). Without rate rules nothing is published, and a test system without
    /// a cluster never needs pub-sub.</summary>
    private void PublishWatches()
    {
        var watches = AlertWatchesUpdated.From(_book.Rules);
        var changed = !watches.SameAs(_lastWatches);
        if (!changed && (watches.Rates.Count == 0 || ++_ticksSinceWatches < RepublishWatchesEvery)) return;
        _ticksSinceWatches = 0;
        _lastWatches = watches;
        _mediator ??= Akka.Cluster.Tools.PublishSubscribe.DistributedPubSub.Get(Context.System).Mediator;
        _mediator.Tell(new Akka.Cluster.Tools.PublishSubscribe.Publish(AlertWatchesUpdated.Topic, watches));
    }

    private void Deliver(Notification notification)
    {
        if (_delivery is null) return;
        _delivery.Tell(new DeliverNotification(notification), Self);
    }

    private void SnapshotIfDue()
    {
        if (_snapshotInFlight || _eventsSinceSnapshot < _book.Settings.SnapshotEvery) return;
        _eventsSinceSnapshot = 0;
        _snapshotInFlight = true;
        SaveSnapshot(_book.ToState());
    }

    private sealed class Tick
    {
        public static Tick Instance { get; } = new();
    }

    private sealed class ResendTick
    {
        public static ResendTick Instance { get; } = new();
    }
}
