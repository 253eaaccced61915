using Holler.Domain.Alerts;

namespace Holler.Alerts.Delivery;

/// <summary>The outbox took a notification: each of its channels now has a delivery to make. Persisted before
/// <see cref="NotificationAccepted"/> is sent and before any attempt.</summary>
public sealed record OutboxQueued(Notification Notification, long AcceptedAtMs) : IAlertDeliveryPersisted;

/// <summary>A channel's receiver accepted the notification: it is never sent there again, even after a restart.</summary>
public sealed record DeliverySucceeded(string IdempotencyKey, string Channel, int Attempts, long AtMs) : IAlertDeliveryPersisted;

/// <summary>A channel's delivery was given up.</summary>
public sealed record DeliveryDeadLettered(DeadLetter Letter) : IAlertDeliveryPersisted;

/// <summary>An operator re-drove dead letters: each leaves the dead-letter list and is a pending delivery again, with
/// the notification as it was (its idempotency key included) and a retry period starting at <paramref name="AtMs"/>.
/// Persisted before any of them is sent.</summary>
public sealed record DeliveriesRedriven(IReadOnlyList<RedrivenDelivery> Deliveries, long AtMs) : IAlertDeliveryPersisted;

/// <summary>One delivery (notification × channel) named by its notification's key and the channel.</summary>
public sealed record RedrivenDelivery(string IdempotencyKey, string Channel)
{
    public string Id => DeadLetter.IdOf(IdempotencyKey, Channel);
}

/// <summary>A notification still owed to some channels.</summary>
/// <param name="Channels">The channels not yet delivered to nor given up.</param>
public sealed record PendingNotification(Notification Notification, long AcceptedAtMs, IReadOnlyList<string> Channels);

/// <summary>A re-driven delivery still pending, with the start of its own retry period (the notification's other
/// channels keep theirs).</summary>
public sealed record RetryPeriod(string IdempotencyKey, string Channel, long FromMs);

/// <summary>The outbox's whole durable state, so its journal can be trimmed.</summary>
/// <param name="Done">Idempotency keys of finished notifications, oldest first (for ignoring repeats).</param>
/// <param name="DeadLettered">Dead letters ever, including those no longer kept.</param>
/// <param name="Redriven">Re-driven deliveries still pending, with their retry periods (empty in DO1 snapshots, written
/// before re-drives existed).</param>
public sealed record OutboxSnapshot(
    IReadOnlyList<PendingNotification> Pending,
    IReadOnlyList<DeadLetter> DeadLetters,
    long DeadLettered,
    IReadOnlyList<string> Done,
    IReadOnlyList<RetryPeriod>? Redriven = null) : IAlertDeliveryPersisted;
