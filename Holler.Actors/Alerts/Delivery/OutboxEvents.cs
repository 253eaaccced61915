using Holler.Domain.Alerts;

namespace Holler.Alerts.Delivery;

/// <summary>The outbox took a notification: each of its channels now has a delivery to make. Persisted before
/// <see cref="NotificationAccepted"/> is sent and before any attempt.</summary>
public sealed record OutboxQueued(Notification Notification, long AcceptedAtMs) : IAlertDeliveryPersisted;

/// <summary>A channel's receiver accepted the notification: it is never sent there again, even after a restart.</summary>
public sealed record DeliverySucceeded(string IdempotencyKey, string Channel, int Attempts, long AtMs) : IAlertDeliveryPersisted;

/// <summary>A channel's delivery was given up.</summary>
public sealed record DeliveryDeadLettered(DeadLetter Letter) : IAlertDeliveryPersisted;

/// <summary>A notification still owed to some channels.</summary>
/// <param name="Channels">The channels not yet delivered to nor given up.</param>
public sealed record PendingNotification(Notification Notification, long AcceptedAtMs, IReadOnlyList<string> Channels);

/// <summary>The outbox's whole durable state, so its journal can be trimmed.</summary>
/// <param name="Done">Idempotency keys of finished notifications, oldest first (for ignoring repeats).</param>
/// <param name="DeadLettered">Dead letters ever, including those no longer kept.</param>
public sealed record OutboxSnapshot(
    IReadOnlyList<PendingNotification> Pending,
    IReadOnlyList<DeadLetter> DeadLetters,
    long DeadLettered,
    IReadOnlyList<string> Done) : IAlertDeliveryPersisted;
