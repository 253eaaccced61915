namespace Holler.Domain.Alerts;

/// <summary>
/// The rules, the alerts and the notifications waiting for delivery, and every decision about them. Each decision is
/// recorded as <see cref="IAlertEvent"/>s, applied here at once and returned for the caller to journal; replaying the
/// same events through <see cref="Apply"/> rebuilds the same book. Time is always passed in (Unix ms).
/// </summary>
/// <remarks>
/// One alert per rule, business and episode: a tracker's once-a-second reports while a business surges only update
/// it, a score moving up and down does not open another. Grouping: a rule's alerts that fire (or resolve) within
/// <see cref="AlertSettings.GroupWindow"/> of the first of them wait for it to pass and go out as one notification
/// listing at most <see cref="AlertSettings.GroupSize"/> businesses. A resolve is notified exactly when the firing was.
/// See docs/alerts.md.
/// </remarks>
public sealed class AlertBook(AlertSettings settings, BusinessFactsLookup facts)
{
    private const string AllRules = "*";

    private readonly Dictionary<string, AlertRule> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Rule, string Business), long> _snoozes = [];
    private readonly Dictionary<string, Alert> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Rule, string Business), Alert> _open = [];
    /// <summary>Resolved alerts with a notification still to make (their firing, their resolve, or both).</summary>
    private readonly HashSet<Alert> _awaiting = [];
    private readonly Queue<Alert> _resolvedOrder = new();
    private readonly Dictionary<string, QueuedNotification> _outbox = new(StringComparer.Ordinal);
    private long _nextAlertNumber = 1;

    public AlertSettings Settings => settings;

    public IReadOnlyList<AlertRule> Rules => _rules.Values.OrderBy(r => r.CreatedMs).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();

    public AlertRule? Rule(string id) => _rules.GetValueOrDefault(id);

    public Alert? Alert(string id) => _alerts.GetValueOrDefault(id)?.Copy();

    public IReadOnlyList<Snooze> Snoozes => _snoozes
        .Select(s => new Snooze(s.Key.Rule == AllRules ? null : s.Key.Rule, s.Key.Business, s.Value)).ToList();

    public int OpenCount => _open.Count;

    public IReadOnlyList<QueuedNotification> Outbox => _outbox.Values.OrderBy(q => q.QueuedMs).ToList();

    public IReadOnlyList<Alert> Find(AlertFilter filter) => _alerts.Values
        .Where(a => (filter.RuleId is null || a.RuleId == filter.RuleId)
                    && (filter.BusinessId is null || a.BusinessId == filter.BusinessId)
                    && (filter.State is null || a.State == filter.State)
                    && (filter.SinceMs is null || a.OpenedMs >= filter.SinceMs || a.ResolvedMs is null || a.ResolvedMs >= filter.SinceMs))
        .OrderByDescending(a => a.OpenedMs).ThenByDescending(a => Number(a.Id))
        .Take(Math.Max(0, filter.Limit))
        .Select(a => a.Copy())
        .ToList();

    /// <summary>Notifications delivery has not confirmed and that were handed to it at least <paramref name="age"/> ago.</summary>
    public IReadOnlyList<Notification> Unconfirmed(long nowMs, TimeSpan age) =>
        _outbox.Values.Where(q => nowMs - q.QueuedMs >= (long)age.TotalMilliseconds).OrderBy(q => q.QueuedMs)
            .Select(q => q.Notification).ToList();

    // ---- commands ----

    public BookOutcome AddRule(AlertRule rule)
    {
        var problems = rule.Validate(settings.KnownChannels);
        if (problems.Count > 0) return BookOutcome.Refused(string.Join("; ", problems));
        if (_rules.ContainsKey(rule.Id)) return BookOutcome.Refused($"rule '{rule.Id}' already exists");
        return Record(new RuleAdded(rule));
    }

    /// <summary>Removes a rule; its open alerts resolve first, and those whose firing was notified are notified
    /// resolved at once, while the rule's channels are still known.</summary>
    public BookOutcome RemoveRule(string ruleId, long nowMs)
    {
        if (!_rules.TryGetValue(ruleId, out var rule)) return UnknownRule(ruleId);
        var events = new List<IAlertEvent>();
        foreach (var alert in _open.Values.Where(a => a.RuleId == ruleId).ToList())
            Resolve(alert, nowMs, "rule removed", alert.Business, events);
        FlushResolves(rule, OfRule(ruleId), nowMs, force: true, events);
        Emit(new RuleRemoved(ruleId, nowMs), events);
        return new BookOutcome(events);
    }

    public BookOutcome MuteRule(string ruleId, long? untilMs)
    {
        if (!_rules.ContainsKey(ruleId)) return UnknownRule(ruleId);
        return Record(new RuleMuted(ruleId, untilMs));
    }

    public BookOutcome SnoozeBusiness(string? ruleId, string businessId, long? untilMs)
    {
        if (ruleId is not null && !_rules.ContainsKey(ruleId)) return UnknownRule(ruleId);
        if (string.IsNullOrWhiteSpace(businessId)) return BookOutcome.Refused("a business id is needed");
        return Record(new BusinessSnoozed(ruleId, businessId, untilMs));
    }

    public BookOutcome Acknowledge(string alertId, string by, long nowMs)
    {
        if (!_alerts.TryGetValue(alertId, out var alert)) return UnknownAlert(alertId);
        if (alert.State != AlertState.Firing)
            return BookOutcome.Refused($"alert {alertId} is {alert.State.ToString().ToLowerInvariant()}; only a firing alert can be acknowledged");
        return Record(new AlertAcknowledged(alertId, nowMs, by));
    }

    public BookOutcome MarkNotReal(string alertId, string by, string note, long nowMs)
    {
        if (!_alerts.ContainsKey(alertId)) return UnknownAlert(alertId);
        return Record(new AlertMarkedNotReal(alertId, new AlertFeedback(nowMs, by, note)));
    }

    public BookOutcome Confirm(string idempotencyKey) =>
        _outbox.ContainsKey(idempotencyKey) ? Record(new NotificationConfirmed(idempotencyKey)) : new BookOutcome([]);

    // ---- what trackers report, and time ----

    /// <summary>A tracker's report on one business: opens, fires, updates or resolves that business's alerts.</summary>
    public IReadOnlyList<IAlertEvent> Observe(SurgeSignal signal, long nowMs)
    {
        if (_rules.Count == 0) return [];
        var business = facts(signal.BusinessId);
        List<IAlertEvent>? events = null;
        foreach (var rule in _rules.Values)
        {
            if (!rule.Scope.Matches(business) || !rule.Condition.Reads(signal)) continue;
            var reported = Describe(signal, business);
            if (_open.TryGetValue((rule.Id, signal.BusinessId), out var alert))
            {
                alert.LastSeenMs = nowMs;
                if (!signal.Active)
                {
                    // An episode's end says little of its kind (the ratio is back near 1): keep what it was.
                    Resolve(alert, nowMs, "ended", reported with { Drop = alert.Business.Drop, SinceMs = alert.Business.SinceMs }, events ??= []);
                    continue;
                }
                if (signal.SinceMs != alert.Business.SinceMs)
                    Resolve(alert, nowMs, "a new episode began", alert.Business, events ??= []);
                else
                {
                    alert.Business = reported;
                    alert.PeakSeverity = Math.Max(alert.PeakSeverity, reported.Severity);
                    if (alert.State == AlertState.Pending)
                    {
                        if (!rule.Condition.Matches(signal)) Resolve(alert, nowMs, "condition lapsed before firing", reported, events ??= []);
                        else if (nowMs - alert.OpenedMs >= (long)rule.MinDuration.TotalMilliseconds) Fire(alert, rule, nowMs, events ??= []);
                    }
                    // A rate or an error share is over when its figure falls back, not when some detector says so.
                    else if (!rule.Condition.IsEpisode && !rule.Condition.Matches(signal))
                        Resolve(alert, nowMs, "condition no longer holds", reported, events ??= []);
                    continue;
                }
            }
            if (!rule.Condition.Matches(signal)) continue;
            events ??= [];
            var id = "a" + _nextAlertNumber;
            Emit(new AlertOpened(id, rule.Id, reported, nowMs), events);
            if (rule.MinDuration <= TimeSpan.Zero) Fire(_alerts[id], rule, nowMs, events);
        }
        return events ?? (IReadOnlyList<IAlertEvent>)[];
    }

    /// <summary>What time alone decides: pending alerts reaching their duration, stale alerts resolving, held-back
    /// alerts released, groups whose window passed, reminders.</summary>
    public IReadOnlyList<IAlertEvent> Tick(long nowMs)
    {
        var events = new List<IAlertEvent>();
        foreach (var alert in _open.Values.ToList())
        {
            var rule = _rules[alert.RuleId];
            if (nowMs - alert.LastSeenMs > (long)settings.StaleAfter.TotalMilliseconds)
            {
                Resolve(alert, nowMs, $"no report for {settings.StaleAfter.TotalSeconds:0} s", alert.Business, events);
                continue;
            }
            if (alert.State == AlertState.Pending && rule.Condition.Holds(alert.Business)
                && nowMs - alert.OpenedMs >= (long)rule.MinDuration.TotalMilliseconds)
                Fire(alert, rule, nowMs, events);
            else if (alert.State == AlertState.Firing && !alert.Notify && !Silenced(alert, rule, nowMs))
                Emit(new AlertReleased(alert.Id, nowMs), events);
        }
        foreach (var (ruleId, alerts) in _open.Values.Concat(_awaiting).GroupBy(a => a.RuleId).Select(g => (g.Key, g.ToList())))
        {
            if (!_rules.TryGetValue(ruleId, out var rule)) continue;
            FlushFirings(rule, alerts, nowMs, events);
            FlushReminders(rule, alerts, nowMs, events);
            FlushResolves(rule, alerts, nowMs, force: false, events);
        }
        return events;
    }

    /// <summary>After recovery: every open alert counts as just reported, so trackers have the whole stale-after period
    /// to report it again before it resolves.</summary>
    public void Recovered(long nowMs)
    {
        foreach (var alert in _open.Values) alert.LastSeenMs = nowMs;
    }

    private bool Silenced(Alert alert, AlertRule rule, long nowMs) =>
        rule.MutedAt(nowMs)
        || _snoozes.GetValueOrDefault((rule.Id, alert.BusinessId)) > nowMs
        || _snoozes.GetValueOrDefault((AllRules, alert.BusinessId)) > nowMs
        || (rule.QuietHours is { } quiet && quiet.Contains(nowMs, facts(alert.BusinessId).Zone));

    private void Fire(Alert alert, AlertRule rule, long nowMs, List<IAlertEvent> events) =>
        Emit(new AlertFired(alert.Id, nowMs, alert.Business, Notify: !Silenced(alert, rule, nowMs)), events);

    private void Resolve(Alert alert, long nowMs, string reason, AlertedBusiness business, List<IAlertEvent> events) =>
        Emit(new AlertResolved(alert.Id, nowMs, reason, business, Math.Max(alert.PeakSeverity, business.Severity)), events);

    private void FlushFirings(AlertRule rule, List<Alert> alerts, long nowMs, List<IAlertEvent> events)
    {
        var waiting = alerts.Where(a => a.NotifyEligibleMs is not null && !a.FiringNotified).ToList();
        if (waiting.Count > 0 && nowMs - waiting.Min(a => a.NotifyEligibleMs!.Value) >= (long)settings.GroupWindow.TotalMilliseconds)
            Queue(rule, NotificationKind.Firing, waiting, nowMs, events);
    }

    private void FlushReminders(AlertRule rule, List<Alert> alerts, long nowMs, List<IAlertEvent> events)
    {
        if (rule.RenotifyInterval <= TimeSpan.Zero) return;
        var due = alerts.Where(a => a.State == AlertState.Firing && a.FiringNotified
                                    && nowMs - a.LastNotifiedMs >= (long)rule.RenotifyInterval.TotalMilliseconds
                                    && !Silenced(a, rule, nowMs)).ToList();
        if (due.Count > 0) Queue(rule, NotificationKind.Reminder, due, nowMs, events);
    }

    private void FlushResolves(AlertRule rule, IEnumerable<Alert> alerts, long nowMs, bool force, List<IAlertEvent> events)
    {
        var waiting = alerts.Where(a => a.State == AlertState.Resolved && a.FiringNotified && !a.ResolveNotified).ToList();
        if (waiting.Count > 0 && (force || nowMs - waiting.Min(a => a.ResolvedMs!.Value) >= (long)settings.GroupWindow.TotalMilliseconds))
            Queue(rule, NotificationKind.Resolved, waiting, nowMs, events);
    }

    private IEnumerable<Alert> OfRule(string ruleId) => _open.Values.Concat(_awaiting).Where(a => a.RuleId == ruleId).ToList();

    private void Queue(AlertRule rule, NotificationKind kind, List<Alert> members, long nowMs, List<IAlertEvent> events)
    {
        var first = members.OrderBy(a => a.OpenedMs).ThenBy(a => Number(a.Id)).First();
        var listed = members.OrderByDescending(a => a.PeakSeverity).ThenBy(a => Number(a.Id)).Take(settings.GroupSize)
            .Select(a => a.Business).ToList();
        var id = kind == NotificationKind.Reminder ? $"{first.Id}~r{first.Reminders + 1}" : first.Id;
        var notification = new Notification(id, kind == NotificationKind.Resolved ? AlertTransition.Resolved : AlertTransition.Firing,
            rule.Id, rule.Name, listed, members.Count - listed.Count, nowMs, rule.Channels);
        Emit(new NotificationQueued(notification, kind, members.Select(a => a.Id).ToList(), nowMs), events);
    }

    private AlertedBusiness Describe(SurgeSignal s, BusinessFacts b) =>
        new(s.BusinessId, b.Name, b.Category, b.City, s.Drop, s.Severity, s.Ratio, s.WindowCount, s.Expected, s.SinceMs,
            settings.DrillDownUrl(s.BusinessId), s.Kind, s.WindowSeconds);

    private static long Number(string alertId) => long.TryParse(alertId.AsSpan(1), out var n) ? n : long.MaxValue;

    private static BookOutcome UnknownRule(string id) => BookOutcome.Missing($"no rule '{id}'");
    private static BookOutcome UnknownAlert(string id) => BookOutcome.Missing($"no alert '{id}'");

    private BookOutcome Record(IAlertEvent e)
    {
        Apply(e);
        return new BookOutcome([e]);
    }

    private void Emit(IAlertEvent e, List<IAlertEvent> events)
    {
        Apply(e);
        events.Add(e);
    }

    // ---- state changes, live and on replay ----

    public void Apply(IAlertEvent e)
    {
        switch (e)
        {
            case RuleAdded added:
                _rules[added.Rule.Id] = added.Rule;
                break;
            case RuleRemoved removed:
                _rules.Remove(removed.RuleId);
                _awaiting.RemoveWhere(a => a.RuleId == removed.RuleId);
                foreach (var key in _snoozes.Keys.Where(k => k.Rule == removed.RuleId).ToList()) _snoozes.Remove(key);
                break;
            case RuleMuted muted when _rules.TryGetValue(muted.RuleId, out var rule):
                _rules[muted.RuleId] = rule with { MutedUntilMs = muted.UntilMs };
                break;
            case BusinessSnoozed snoozed:
                var snoozeKey = (snoozed.RuleId ?? AllRules, snoozed.BusinessId);
                if (snoozed.UntilMs is { } until) _snoozes[snoozeKey] = until;
                else _snoozes.Remove(snoozeKey);
                break;
            case AlertOpened opened:
                var alert = new Alert
                {
                    Id = opened.AlertId, RuleId = opened.RuleId, BusinessId = opened.Business.BusinessId, State = AlertState.Pending,
                    OpenedMs = opened.AtMs, Business = opened.Business, PeakSeverity = opened.Business.Severity, LastSeenMs = opened.AtMs,
                };
                _alerts[alert.Id] = alert;
                _open[(alert.RuleId, alert.BusinessId)] = alert;
                _nextAlertNumber = Math.Max(_nextAlertNumber, Number(alert.Id) + 1);
                break;
            case AlertFired fired when _alerts.TryGetValue(fired.AlertId, out var a):
                a.State = AlertState.Firing;
                a.FiredMs = fired.AtMs;
                a.Business = fired.Business;
                a.PeakSeverity = Math.Max(a.PeakSeverity, fired.Business.Severity);
                a.Notify = fired.Notify;
                a.NotifyEligibleMs = fired.Notify ? fired.AtMs : null;
                break;
            case AlertReleased released when _alerts.TryGetValue(released.AlertId, out var a):
                a.Notify = true;
                a.NotifyEligibleMs = released.AtMs;
                break;
            case AlertAcknowledged acked when _alerts.TryGetValue(acked.AlertId, out var a):
                a.State = AlertState.Acknowledged;
                a.AcknowledgedMs = acked.AtMs;
                a.AcknowledgedBy = acked.By;
                break;
            case AlertResolved resolved when _alerts.TryGetValue(resolved.AlertId, out var a):
                a.State = AlertState.Resolved;
                a.ResolvedMs = resolved.AtMs;
                a.ResolveReason = resolved.Reason;
                a.Business = resolved.Business;
                a.PeakSeverity = resolved.PeakSeverity;
                _open.Remove((a.RuleId, a.BusinessId));
                if (NeedsNotifying(a)) _awaiting.Add(a);
                _resolvedOrder.Enqueue(a);
                Evict();
                break;
            case AlertMarkedNotReal feedback when _alerts.TryGetValue(feedback.AlertId, out var a):
                a.Feedback = feedback.Feedback;
                break;
            case NotificationQueued queued:
                foreach (var id in queued.AlertIds)
                {
                    if (!_alerts.TryGetValue(id, out var member)) continue;
                    switch (queued.Kind)
                    {
                        case NotificationKind.Firing:
                            member.FiringNotified = true;
                            member.NotifyEligibleMs = null;
                            member.LastNotifiedMs = queued.AtMs;
                            break;
                        case NotificationKind.Reminder:
                            member.LastNotifiedMs = queued.AtMs;
                            member.Reminders++;
                            break;
                        case NotificationKind.Resolved:
                            member.ResolveNotified = true;
                            break;
                    }
                    if (!NeedsNotifying(member)) _awaiting.Remove(member);
                }
                _outbox[queued.Notification.IdempotencyKey] = new QueuedNotification(queued.Notification, queued.AtMs);
                break;
            case NotificationConfirmed confirmed:
                _outbox.Remove(confirmed.IdempotencyKey);
                break;
        }
    }

    /// <summary>A resolved alert still owes a notification: its firing waits in a group, or its firing went out and
    /// its resolve has not.</summary>
    private static bool NeedsNotifying(Alert a) =>
        a.State == AlertState.Resolved && ((a.NotifyEligibleMs is not null && !a.FiringNotified) || (a.FiringNotified && !a.ResolveNotified));

    /// <summary>Drops the oldest resolved alerts beyond the history limit; one still owing a notification stays (and
    /// holds the rest back until it is sent).</summary>
    private void Evict()
    {
        while (_resolvedOrder.Count > settings.HistoryLimit && !_awaiting.Contains(_resolvedOrder.Peek()))
        {
            var old = _resolvedOrder.Dequeue();
            _alerts.Remove(old.Id);
        }
    }

    // ---- snapshots ----

    public AlertBookState ToState() => new(
        Rules,
        Snoozes,
        _alerts.Values.OrderBy(a => Number(a.Id)).Select(a => a.Copy()).ToList(),
        _nextAlertNumber,
        Outbox);

    public void Restore(AlertBookState state, long nowMs)
    {
        _rules.Clear(); _snoozes.Clear(); _alerts.Clear(); _open.Clear(); _awaiting.Clear(); _resolvedOrder.Clear(); _outbox.Clear();
        foreach (var rule in state.Rules) _rules[rule.Id] = rule;
        foreach (var s in state.Snoozes) _snoozes[(s.RuleId ?? AllRules, s.BusinessId)] = s.UntilMs;
        foreach (var stored in state.Alerts)
        {
            var alert = stored.Copy();
            alert.LastSeenMs = nowMs;
            _alerts[alert.Id] = alert;
            if (alert.IsOpen) _open[(alert.RuleId, alert.BusinessId)] = alert;
            else if (NeedsNotifying(alert)) _awaiting.Add(alert);
        }
        foreach (var resolved in _alerts.Values.Where(a => !a.IsOpen).OrderBy(a => a.ResolvedMs).ThenBy(a => Number(a.Id)))
            _resolvedOrder.Enqueue(resolved);
        _nextAlertNumber = state.NextAlertNumber;
        foreach (var q in state.Outbox) _outbox[q.Notification.IdempotencyKey] = q;
    }
}
