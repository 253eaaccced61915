namespace Holler.Domain.Alerts;

/// <summary>"Not a real surge": a person's verdict on an alert, kept as data for tuning the detector.</summary>
public sealed record AlertFeedback(long AtMs, string By, string Note);

/// <summary>
/// One alert: one rule's view of one episode of one business, from pending to resolved. Mutable, owned by
/// <see cref="AlertBook"/>, which changes it only by applying events; readers outside the book get copies
/// (<see cref="Copy"/>).
/// </summary>
public sealed class Alert
{
    public required string Id { get; init; }
    public required string RuleId { get; init; }
    public required string BusinessId { get; init; }
    public AlertState State { get; internal set; }
    public long OpenedMs { get; internal set; }
    public long? FiredMs { get; internal set; }
    public long? AcknowledgedMs { get; internal set; }
    public string? AcknowledgedBy { get; internal set; }
    public long? ResolvedMs { get; internal set; }
    /// <summary>Why it resolved: the episode ended, the condition lapsed while pending, no report came, …</summary>
    public string? ResolveReason { get; internal set; }
    public double PeakSeverity { get; internal set; }
    /// <summary>The business as last reported (at firing, at resolve, and in between in memory).</summary>
    public required AlertedBusiness Business { get; set; }

    /// <summary>Its firing is to be notified: false while a mute, snooze or quiet hours held it back.</summary>
    public bool Notify { get; internal set; }
    /// <summary>Since when it waits in its rule's firing group (Unix ms); null when it is not waiting.</summary>
    public long? NotifyEligibleMs { get; internal set; }
    public bool FiringNotified { get; internal set; }
    public bool ResolveNotified { get; internal set; }
    public long LastNotifiedMs { get; internal set; }
    public int Reminders { get; internal set; }
    public AlertFeedback? Feedback { get; internal set; }

    /// <summary>When a tracker last reported the business (processing time); not persisted: a recovered book counts from
    /// its recovery, so trackers have the whole stale-after period to report again.</summary>
    internal long LastSeenMs { get; set; }

    public bool IsOpen => State != AlertState.Resolved;

    public Alert Copy() => (Alert)MemberwiseClone();
}
