using Holler.Domain.Alerts;

namespace Holler.Alerts;

/// <summary>Marker for the alerts singleton's protocol: the operator API on any node asks it through the singleton
/// proxy, so these cross the network and are bound to <c>HollerSerializer</c>.</summary>
public interface IAlertsProtocol;

/// <summary>Adds a rule; answered with <see cref="AlertsReply"/> holding it, or why not.</summary>
public sealed record AddAlertRule(AlertRule Rule) : IAlertsProtocol;

public sealed record RemoveAlertRule(string RuleId) : IAlertsProtocol;

/// <param name="UntilMs">Null unmutes.</param>
public sealed record MuteAlertRule(string RuleId, long? UntilMs) : IAlertsProtocol;

/// <summary>Snoozes a business for one rule, or for every rule when <paramref name="RuleId"/> is null.</summary>
/// <param name="UntilMs">Null lifts the snooze.</param>
public sealed record SnoozeBusiness(string? RuleId, string BusinessId, long? UntilMs) : IAlertsProtocol;

/// <summary>Snoozes an alert's business for the alert's rule.</summary>
public sealed record SnoozeAlert(string AlertId, long? UntilMs) : IAlertsProtocol;

public sealed record AcknowledgeAlert(string AlertId, string By) : IAlertsProtocol;

/// <summary>"Not a real surge": stored with the alert as data for tuning the detector.</summary>
public sealed record MarkAlertNotReal(string AlertId, string By, string Note) : IAlertsProtocol;

/// <summary>Answered with <see cref="AlertRulesReply"/>.</summary>
public sealed record GetAlertRules : IAlertsProtocol
{
    public static GetAlertRules Instance { get; } = new();
}

public sealed record AlertRulesReply(IReadOnlyList<AlertRule> Rules, IReadOnlyList<Snooze> Snoozes) : IAlertsProtocol;

/// <summary>Answered with <see cref="AlertListReply"/>.</summary>
public sealed record GetAlerts(AlertFilter Filter) : IAlertsProtocol;

public sealed record AlertListReply(IReadOnlyList<Alert> Alerts) : IAlertsProtocol;

/// <summary>Answered with <see cref="AlertsReply"/>.</summary>
public sealed record GetAlert(string AlertId) : IAlertsProtocol;

public enum AlertsReplyStatus
{
    Ok,
    NotFound,
    Refused,
}

/// <summary>The answer to a command or to <see cref="GetAlert"/>: what it touched, or why it did nothing.</summary>
public sealed record AlertsReply(AlertsReplyStatus Status, string? Error, AlertRule? Rule, Alert? Alert) : IAlertsProtocol;
