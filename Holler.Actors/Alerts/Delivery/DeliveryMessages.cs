using Holler.Domain.Alerts;

namespace Holler.Alerts.Delivery;

/// <summary>Asks the delivery outbox to send a notification to its channels. The alerts actor has already persisted the
/// transition; it sends this again after a restart until it sees <see cref="NotificationAccepted"/>, and the outbox
/// ignores a key it already holds, so each transition is queued once.</summary>
public sealed record DeliverNotification(Notification Notification);

/// <summary>The outbox has persisted the notification: from here on it owns retries and dead-lettering.</summary>
public sealed record NotificationAccepted(string IdempotencyKey);
