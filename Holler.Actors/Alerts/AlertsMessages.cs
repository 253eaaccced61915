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

/// <summary>An absolute count a rate rule watches: at least <paramref name="MinEvents"/> within
/// <paramref name="Seconds"/> (the lowest of the rules sharing that window).</summary>
public sealed record RateWatch(int Seconds, int MinEvents);

/// <summary>What the trackers are to watch for the rules: published by the alerts singleton on DistributedPubSub topic
/// <see cref="Topic"/> when its rate rules change and every few seconds, so a tracker started later learns it too.</summary>
public sealed record AlertWatchesUpdated(IReadOnlyList<RateWatch> Rates) : IAlertsProtocol
{
    public const string Topic = "alert-watches";

    public static AlertWatchesUpdated From(IEnumerable<AlertRule> rules) => new(rules
        .Where(r => r.Condition.Kind == ConditionKind.Rate)
        .GroupBy(r => r.Condition.WindowSeconds)
        .Select(g => new RateWatch(g.Key, g.Min(r => r.Condition.MinEvents)))
        .OrderBy(w => w.Seconds)
        .ToList());

    public bool SameAs(AlertWatchesUpdated other) => Rates.SequenceEqual(other.Rates);
}

/// <summary>A tracker's report that a business's events in the last <paramref name="Seconds"/> reached a watched count
/// (<paramref name="Over"/>), are still there (sent about once a second), or fell below every watched count.</summary>
/// <param name="Expected">Events the business's baseline expects in that many seconds.</param>
/// <param name="SinceMs">Event time (Unix ms) the count first reached the watch: a different value is another episode.</param>
public sealed record RateChanged(string BusinessId, bool Over, int Seconds, long Count, double Expected, long SinceMs) : IAlertsProtocol;
