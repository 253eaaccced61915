namespace Holler.Host.Operator.Api;

/// <summary><c>GET /api/business/{id}/events</c>: a business's most recent raw events, newest first (see
/// docs/dimensions.md#recent-events).</summary>
/// <param name="Kept">surging or viewed while the tracker keeps them; off (<c>Tracker:RecentEvents</c> is 0) or full
/// (the shard keeps events for as many businesses as it may) when it does not.</param>
/// <param name="KeptUntil">When they stop being kept unless asked for again or the business surges; null when not kept.</param>
/// <param name="Held">Events kept for the business, before the filter.</param>
public sealed record RecentEventsView(string BusinessId, string Kept, DateTimeOffset? KeptUntil, int Held,
    IReadOnlyList<RecentEventView> Events);

/// <param name="Status">The status class (2xx … 5xx, or unknown): batches carry the class, not the code.</param>
/// <param name="User">The first 8 hex digits of the user's hash; null when the event named no user.</param>
public sealed record RecentEventView(DateTimeOffset Time, string Platform, string Status, string? Path, string? Referrer,
    string? Region, string? User, int Partition, long Offset);
