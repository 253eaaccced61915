namespace Holler.Domain.Alerts;

/// <summary>The moments of an alert's life that people are notified of. Acknowledging is recorded but not sent:
/// the person who acknowledged already knows.</summary>
public enum AlertTransition
{
    Firing,
    Resolved,
}
