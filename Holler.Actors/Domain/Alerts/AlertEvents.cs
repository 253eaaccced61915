namespace Holler.Domain.Alerts;

/// <summary>A change to the alert book, journalled by the alerts actor; replaying them in order rebuilds the book.</summary>
public interface IAlertEvent;

public sealed record RuleAdded(AlertRule Rule) : IAlertEvent;

public sealed record RuleRemoved(string RuleId, long AtMs) : IAlertEvent;

/// <param name="UntilMs">Null unmutes.</param>
public sealed record RuleMuted(string RuleId, long? UntilMs) : IAlertEvent;

/// <summary>A business snoozed for one rule, or for every rule when <paramref name="RuleId"/> is null.</summary>
/// <param name="UntilMs">Null lifts the snooze.</param>
public sealed record BusinessSnoozed(string? RuleId, string BusinessId, long? UntilMs) : IAlertEvent;

/// <summary>The condition started to hold: the alert is pending.</summary>
public sealed record AlertOpened(string AlertId, string RuleId, AlertedBusiness Business, long AtMs) : IAlertEvent;

/// <param name="Notify">False when a mute, snooze or quiet hours held the notification back at that moment.</param>
public sealed record AlertFired(string AlertId, long AtMs, AlertedBusiness Business, bool Notify) : IAlertEvent;

/// <summary>What held a fired alert's notification back is over: it joins its rule's firing group.</summary>
public sealed record AlertReleased(string AlertId, long AtMs) : IAlertEvent;

public sealed record AlertAcknowledged(string AlertId, long AtMs, string By) : IAlertEvent;

public sealed record AlertResolved(string AlertId, long AtMs, string Reason, AlertedBusiness Business, double PeakSeverity) : IAlertEvent;

public sealed record AlertMarkedNotReal(string AlertId, AlertFeedback Feedback) : IAlertEvent;

public enum NotificationKind
{
    Firing,
    Reminder,
    Resolved,
}

/// <summary>A notification made and handed to delivery: persisted before it is sent, and sent again after a restart
/// until delivery confirms it.</summary>
/// <param name="AlertIds">Every alert it is about, listed or counted in MoreBusinesses.</param>
public sealed record NotificationQueued(Notification Notification, NotificationKind Kind, IReadOnlyList<string> AlertIds, long AtMs)
    : IAlertEvent;

/// <summary>Delivery has the notification durably; it is not sent again.</summary>
public sealed record NotificationConfirmed(string IdempotencyKey) : IAlertEvent;
