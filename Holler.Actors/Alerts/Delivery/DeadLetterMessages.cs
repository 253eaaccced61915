namespace Holler.Alerts.Delivery;

/// <summary>Asks the outbox for its newest dead letters (for the API, CLI and dashboard).</summary>
/// <param name="Limit">At most this many, newest first.</param>
public sealed record GetDeadLetters(int Limit) : IAlertDeliveryProtocol;

/// <param name="DeadLetters">Newest first.</param>
/// <param name="DeadLettered">Dead letters ever, including those no longer kept.</param>
/// <param name="PendingDeliveries">Deliveries (notification × channel) still being tried.</param>
public sealed record DeadLettersReply(IReadOnlyList<DeadLetter> DeadLetters, long DeadLettered, int PendingDeliveries)
    : IAlertDeliveryProtocol;

/// <summary>Asks the outbox to send dead letters again: one by <paramref name="Id"/>, or every one matching the
/// filters (all given must match; none given matches all), oldest first, at most <paramref name="Limit"/>.</summary>
/// <param name="Id">A dead letter's <see cref="DeadLetter.Id"/>; with it the filters are ignored, and an unknown id is
/// answered <see cref="RedriveStatus.NotFound"/>.</param>
/// <param name="Limit">At most this many per call (1 to <see cref="MaxPerCall"/>).</param>
public sealed record RedriveDeadLetters(string? Id, string? Channel, string? RuleId, int Limit) : IAlertDeliveryProtocol
{
    /// <summary>A bulk re-drive is one journal write and one burst of sends: bounded so one call cannot flood a receiver
    /// that just came back (its rate limit spreads them anyway) nor make one huge event.</summary>
    public const int MaxPerCall = 1_000;
}

public enum RedriveStatus
{
    Ok,
    /// <summary>No dead letter has the id asked for.</summary>
    NotFound,
    /// <summary>Refused (a bad limit, or no room in the outbox).</summary>
    Refused,
}

/// <summary>Answered once the re-drive is persisted: from then on the deliveries are pending again, whatever happens.</summary>
/// <param name="Redriven">What was re-driven, oldest dead letter first.</param>
/// <param name="Left">Dead letters still matching after this call (the limit, or the outbox's room, stopped it).</param>
public sealed record RedriveReply(RedriveStatus Status, string? Error, IReadOnlyList<RedrivenDelivery> Redriven, int Left)
    : IAlertDeliveryProtocol;
