namespace Holler.Domain.Alerts;

/// <summary>A business snoozed until a time, for one rule or (<paramref name="RuleId"/> null) for all.</summary>
public sealed record Snooze(string? RuleId, string BusinessId, long UntilMs);

/// <summary>A notification handed to delivery and not yet confirmed by it.</summary>
public sealed record QueuedNotification(Notification Notification, long QueuedMs);

/// <summary>Everything the alert book holds, as a snapshot stores it.</summary>
public sealed record AlertBookState(
    IReadOnlyList<AlertRule> Rules,
    IReadOnlyList<Snooze> Snoozes,
    IReadOnlyList<Alert> Alerts,
    long NextAlertNumber,
    IReadOnlyList<QueuedNotification> Outbox);

/// <summary>What a command did: the events it recorded (already applied), or why it did nothing.</summary>
public sealed record BookOutcome(IReadOnlyList<IAlertEvent> Events, string? Problem = null, bool NotFound = false)
{
    public static BookOutcome Missing(string problem) => new([], problem, NotFound: true);
    public static BookOutcome Refused(string problem) => new([], problem);
    public bool Ok => Problem is null;
}

/// <summary>Which alerts a history query wants; newest first, at most <paramref name="Limit"/>.</summary>
public sealed record AlertFilter(string? RuleId = null, string? BusinessId = null, AlertState? State = null, long? SinceMs = null,
    int Limit = 100);
