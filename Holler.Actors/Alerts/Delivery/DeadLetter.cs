using System.Security.Cryptography;
using System.Text;
using Holler.Domain.Alerts;

namespace Holler.Alerts.Delivery;

/// <summary>A notification one channel gave up on, with why: kept, bounded, for people to look at and re-drive.</summary>
/// <param name="Attempts">Sends tried in its last retry period; 0 when it was refused before any (unknown channel, full outbox).</param>
/// <param name="AcceptedAtMs">When its last retry period began (Unix ms): when the outbox took the notification, or when
/// an operator last re-drove it.</param>
/// <param name="AtMs">When it gave up (Unix ms).</param>
public sealed record DeadLetter(Notification Notification, string Channel, string Reason, int Attempts, long AcceptedAtMs, long AtMs)
{
    /// <summary>What operators name it by: derived from the delivery (notification × channel), not stored, so it is the
    /// same on every node and after every restart, and a delivery dead-lettered again after a re-drive keeps it.
    /// Computed once (the outbox compares it across its whole list).</summary>
    public string Id { get; } = IdOf(Notification.IdempotencyKey, Channel);

    /// <summary>12 hex digits of SHA-256 over the key and the channel: short enough to type, and among the thousand or
    /// so letters kept a collision is out of reach.</summary>
    public static string IdOf(string idempotencyKey, string channel) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{idempotencyKey}\n{channel}")).AsSpan(0, 6));
}
