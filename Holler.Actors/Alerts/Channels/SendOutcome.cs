namespace Holler.Alerts.Channels;

/// <summary>How one attempt to reach a receiver ended. Reasons name what happened (status code, refusal, timeout)
/// and never quote the receiver's response body (docs/alert-delivery.md#outgoing-safety).</summary>
public sealed record SendOutcome(bool Delivered, bool Permanent, string Reason, TimeSpan? RetryAfter = null)
{
    public static readonly SendOutcome Success = new(true, false, "delivered");

    /// <summary>Worth trying again later: the receiver is down, slow, overloaded or said 5xx.</summary>
    public static SendOutcome Retry(string reason, TimeSpan? after = null) => new(false, false, reason, after);

    /// <summary>Trying the same request again cannot help: the target is refused, or the receiver rejected it (4xx).</summary>
    public static SendOutcome Fail(string reason) => new(false, true, reason);
}
