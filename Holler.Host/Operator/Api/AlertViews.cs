using Holler.Domain.Alerts;

namespace Holler.Host.Operator.Api;

/// <summary>One alert rule (<c>GET /api/alerts/rules/{id}</c>, and in lists).</summary>
/// <param name="Scope">all, business:ID,…, category:NAME,… or city:NAME,…</param>
/// <param name="Condition">surge, drop, rate or errorShare.</param>
/// <param name="MinSeverity">The episode's severity must reach this; 0 takes every episode the detector reports.</param>
/// <param name="MinEvents">A rate rule's count: at least this many events within <paramref name="WindowSeconds"/>.</param>
/// <param name="MinErrorShare">An error-share rule's level, in percent of the window's events answered 5xx.</param>
/// <param name="MinDurationSeconds">How long the condition holds (pending) before the alert fires.</param>
/// <param name="RenotifySeconds">Reminder interval while firing unacknowledged; 0 for none.</param>
/// <param name="QuietHours">HH:mm-HH:mm in each business's local time, or null.</param>
public sealed record AlertRuleView(string Id, string Name, string Scope, ConditionKind Condition, double MinSeverity,
    double MinDurationSeconds, double RenotifySeconds, string? QuietHours, IReadOnlyList<string> Channels, DateTimeOffset? MutedUntil,
    DateTimeOffset Created, int? MinEvents = null, int? WindowSeconds = null, double? MinErrorShare = null)
{
    public static AlertRuleView From(AlertRule r) => new(r.Id, r.Name, r.Scope.ToString(), r.Condition.Kind, r.Condition.MinSeverity,
        r.MinDuration.TotalSeconds, r.RenotifyInterval.TotalSeconds, r.QuietHours?.ToString(), r.Channels,
        r.MutedUntilMs is { } m ? DateTimeOffset.FromUnixTimeMilliseconds(m) : null, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedMs),
        r.Condition.Kind == ConditionKind.Rate ? r.Condition.MinEvents : null,
        r.Condition.Kind == ConditionKind.Rate ? r.Condition.WindowSeconds : null,
        r.Condition.Kind == ConditionKind.ErrorShare ? Math.Round(r.Condition.MinShare * 100, 4) : null);
}

/// <summary>A business snoozed until a time, for one rule or (<paramref name="Rule"/> null) for every rule.</summary>
public sealed record SnoozeView(string? Rule, string Business, DateTimeOffset Until);

/// <summary><c>GET /api/alerts/rules</c>: every rule, oldest first, and the businesses snoozed now.</summary>
public sealed record AlertRulesView(IReadOnlyList<AlertRuleView> Rules, IReadOnlyList<SnoozeView> Snoozes);

/// <summary>"Not a real surge", as a person said it.</summary>
public sealed record AlertFeedbackView(DateTimeOffset At, string By, string Note);

/// <summary>One alert (<c>GET /api/alerts/{id}</c>, and in the history).</summary>
/// <param name="Episode">surge, drop, rate or error_share.</param>
/// <param name="Severity">As last reported (at resolve, once resolved).</param>
/// <param name="Window">Events in the last <paramref name="WindowSeconds"/> seconds, as last reported.</param>
/// <param name="Expected">Events expected in that time (for an error share, the usual 5xx share, 0–1).</param>
/// <param name="EpisodeSince">When the episode started (event time).</param>
/// <param name="FiringNotified">A firing notification was made (none while muted, snoozed or in quiet hours).</param>
public sealed record AlertView(string Id, string RuleId, string? RuleName, string BusinessId, string Name, string? Category, string? City,
    AlertState State, string Episode, double Severity, double PeakSeverity, double Ratio, long Window, double Expected,
    DateTimeOffset EpisodeSince, DateTimeOffset Opened, DateTimeOffset? Fired, DateTimeOffset? Acknowledged, string? AcknowledgedBy,
    DateTimeOffset? Resolved, string? ResolveReason, bool FiringNotified, bool ResolveNotified, AlertFeedbackView? NotReal,
    string DrillDownUrl, int WindowSeconds = 60)
{
    public static AlertView From(Alert a, string? ruleName)
    {
        static DateTimeOffset? At(long? ms) => ms is { } m ? DateTimeOffset.FromUnixTimeMilliseconds(m) : null;
        var b = a.Business;
        return new AlertView(a.Id, a.RuleId, ruleName, a.BusinessId, b.Name, b.Category, b.City, a.State, NotificationText.KindName(b),
            b.Severity, a.PeakSeverity, b.Ratio, b.WindowCount, b.Expected, DateTimeOffset.FromUnixTimeMilliseconds(b.SinceMs),
            DateTimeOffset.FromUnixTimeMilliseconds(a.OpenedMs), At(a.FiredMs), At(a.AcknowledgedMs), a.AcknowledgedBy, At(a.ResolvedMs),
            a.ResolveReason, a.FiringNotified, a.ResolveNotified,
            a.Feedback is { } f ? new AlertFeedbackView(DateTimeOffset.FromUnixTimeMilliseconds(f.AtMs), f.By, f.Note) : null,
            b.DrillDownUrl, b.WindowSeconds);
    }
}

/// <summary><c>GET /api/alerts</c>: the history, newest first.</summary>
public sealed record AlertListView(IReadOnlyList<AlertView> Alerts);

/// <summary><c>POST /api/alerts/rules</c>. Durations as people type them: 90s, 5m, 1h, 00:05:00.</summary>
/// <param name="Id">Defaults to the name made url-safe.</param>
/// <param name="Scope">Default all.</param>
/// <param name="Condition">surge (default), drop, rate (needs <paramref name="MinEvents"/> and <paramref name="Window"/>, up
/// to 60 s) or error-share (needs <paramref name="MinErrorShare"/>, in percent).</param>
public sealed record AlertRuleRequest(string? Id, string? Name, string? Scope, string? Condition, double? MinSeverity, string? MinDuration,
    string? Renotify, string? QuietHours, IReadOnlyList<string>? Channels, int? MinEvents = null, string? Window = null,
    double? MinErrorShare = null);

/// <summary>Until when, for mute and snooze: a duration from now (<paramref name="For"/>) or a time.</summary>
public sealed record UntilRequest(string? For, DateTimeOffset? Until);

/// <summary><c>POST /api/alerts/snooze</c>: a business, for one rule or (no rule) every rule.</summary>
public sealed record SnoozeRequest(string? Business, string? Rule, string? For, DateTimeOffset? Until);

public sealed record AcknowledgeRequest(string? By);

public sealed record NotRealRequest(string? By, string? Note);

/// <summary><c>GET /api/alerts/dead-letters</c>: notifications a channel gave up on, newest first.</summary>
/// <param name="DeadLettered">Dead letters ever, including those no longer kept.</param>
/// <param name="PendingDeliveries">Deliveries (notification × channel) still being tried.</param>
public sealed record DeadLettersView(IReadOnlyList<DeadLetterView> DeadLetters, long DeadLettered, int PendingDeliveries);

/// <param name="Key">The notification's idempotency key (re-driving keeps it).</param>
/// <param name="Attempts">Sends tried in its last retry period; 0 when refused before any.</param>
/// <param name="Accepted">When its last retry period began: accepted by the outbox, or re-driven.</param>
/// <param name="At">When it was given up.</param>
/// <param name="Id">What <c>holler alerts dead-letters show|redrive</c> take: stable for the delivery (notification × channel).</param>
public sealed record DeadLetterView(string Key, string AlertId, string Transition, string RuleId, string Channel, string Reason, int Attempts,
    IReadOnlyList<string> Businesses, DateTimeOffset Accepted, DateTimeOffset At, string Id = "", string RuleName = "")
{
    public static DeadLetterView From(Holler.Alerts.Delivery.DeadLetter d) =>
        new(d.Notification.IdempotencyKey, d.Notification.AlertId, d.Notification.Transition.ToString().ToLowerInvariant(), d.Notification.RuleId,
            d.Channel, d.Reason, d.Attempts, d.Notification.Businesses.Select(b => b.BusinessId).ToList(),
            DateTimeOffset.FromUnixTimeMilliseconds(d.AcceptedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(d.AtMs), d.Id,
            d.Notification.RuleName);
}

/// <summary><c>POST /api/alerts/dead-letters/redrive</c>: every dead letter of a channel and/or a rule, oldest first.
/// With neither, <paramref name="All"/> must be true: re-driving everything is never an accident.</summary>
/// <param name="Limit">At most this many (default and most 1,000).</param>
public sealed record RedriveRequest(string? Channel = null, string? Rule = null, bool All = false, int? Limit = null);

/// <summary>What a re-drive did: the deliveries now pending again, and how many matching dead letters are left.</summary>
public sealed record RedriveView(IReadOnlyList<RedrivenView> Redriven, int Left);

/// <param name="Id">The dead letter's id, the same as it had in the list.</param>
/// <param name="Key">The notification's idempotency key, which its receiver sees again.</param>
public sealed record RedrivenView(string Id, string Key, string Channel);
