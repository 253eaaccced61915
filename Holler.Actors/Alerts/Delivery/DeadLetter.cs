using Holler.Domain.Alerts;

namespace Holler.Alerts.Delivery;

/// <summary>A notification one channel gave up on, with why: kept, bounded, for people to look at (and act on).</summary>
/// <param name="Attempts">Sends tried; 0 when it was refused before any (unknown channel, full outbox).</param>
/// <param name="AcceptedAtMs">When the outbox took the notification (Unix ms).</param>
/// <param name="AtMs">When it gave up (Unix ms).</param>
public sealed record DeadLetter(Notification Notification, string Channel, string Reason, int Attempts, long AcceptedAtMs, long AtMs);
