namespace Holler.Domain.Alerts;

/// <summary>How notifications are delivered (the Alerts section's channel and delivery settings), resolved and checked.</summary>
/// <param name="Channels">By name, case-insensitively, as rules name them.</param>
/// <param name="Smtp">Null when no email channel is configured.</param>
/// <param name="RetryFor">How long a failing send is retried before it is dead-lettered (Alerts:RetryFor).</param>
/// <param name="Timeout">The longest one attempt may take, connection included (Alerts:Timeout).</param>
/// <param name="AllowPrivateTargets">Lets channels reach loopback, link-local and private addresses (tests, labs).</param>
/// <param name="MaxPending">Deliveries (one notification to one channel) waiting at most; beyond it new ones are
/// dead-lettered at once with the reason, so a dead receiver cannot grow the outbox without bound.</param>
/// <param name="MaxDeadLetters">Dead letters kept for inspection; the oldest go first.</param>
/// <param name="RememberDone">Idempotency keys of finished notifications kept to ignore repeats of them.</param>
/// <param name="Tick">How often the outbox looks for sends that are due.</param>
public sealed record DeliverySettings(
    IReadOnlyDictionary<string, ChannelSettings> Channels,
    SmtpSettings? Smtp,
    TimeSpan RetryFor,
    RetrySchedule Retry,
    TimeSpan Timeout,
    bool AllowPrivateTargets,
    int MaxPending,
    int MaxDeadLetters,
    int RememberDone,
    TimeSpan Tick)
{
    public static readonly TimeSpan DefaultRetryFor = TimeSpan.FromHours(24);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    public const int DefaultMaxPending = 10_000;
    public const int DefaultMaxDeadLetters = 1_000;
    public const int DefaultRememberDone = 10_000;

    /// <summary>No channels, defaults everywhere: what a node without alert settings runs with.</summary>
    public static DeliverySettings None { get; } = new(
        new Dictionary<string, ChannelSettings>(StringComparer.OrdinalIgnoreCase), null, DefaultRetryFor,
        RetrySchedule.Default, DefaultTimeout, false, DefaultMaxPending, DefaultMaxDeadLetters, DefaultRememberDone,
        TimeSpan.FromSeconds(1));
}
