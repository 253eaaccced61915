namespace Holler.Domain.Alerts;

/// <summary>An alert's life: pending (the condition holds, not yet for the rule's minimum duration), firing,
/// acknowledged (someone is on it), resolved (the episode ended, or the condition lapsed before it fired).</summary>
public enum AlertState
{
    Pending,
    Firing,
    Acknowledged,
    Resolved,
}
