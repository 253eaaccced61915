namespace Holler.Domain.Alerts;

/// <summary>One message for people: an alert of one rule fired or resolved, for one business or, when several of the
/// rule's businesses fired close together, for a bounded group of them.</summary>
/// <param name="AlertId">Stable id of the alert (or group); with the transition it makes the idempotency key.</param>
/// <param name="Businesses">The businesses listed, at most the configured group size.</param>
/// <param name="MoreBusinesses">How many more businesses the group holds beyond those listed.</param>
/// <param name="AtMs">When the transition happened (Unix ms).</param>
/// <param name="Channels">Names of the configured channels (Alerts:Channels:NAME) this goes to.</param>
public sealed record Notification(
    string AlertId,
    AlertTransition Transition,
    string RuleId,
    string RuleName,
    IReadOnlyList<AlertedBusiness> Businesses,
    int MoreBusinesses,
    long AtMs,
    IReadOnlyList<string> Channels)
{
    /// <summary>Receivers dedupe on this: a notification may be delivered more than once (at-least-once), never with
    /// another key for the same transition.</summary>
    public string IdempotencyKey => $"{AlertId}.{Transition.ToString().ToLowerInvariant()}";
}
