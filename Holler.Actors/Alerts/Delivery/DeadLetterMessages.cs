namespace Holler.Alerts.Delivery;

/// <summary>Asks the outbox for its newest dead letters (for the API, CLI and dashboard).</summary>
/// <param name="Limit">At most this many, newest first.</param>
public sealed record GetDeadLetters(int Limit) : IAlertDeliveryProtocol;

/// <param name="DeadLetters">Newest first.</param>
/// <param name="DeadLettered">Dead letters ever, including those no longer kept.</param>
/// <param name="PendingDeliveries">Deliveries (notification × channel) still being tried.</param>
public sealed record DeadLettersReply(IReadOnlyList<DeadLetter> DeadLetters, long DeadLettered, int PendingDeliveries)
    : IAlertDeliveryProtocol;
