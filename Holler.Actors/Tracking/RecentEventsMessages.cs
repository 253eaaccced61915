using Holler.Domain;

namespace Holler.Tracking;

/// <summary>
/// Asks for a business's most recent raw events, newest first; answered with <see cref="RecentEventsPage"/>. Asking is
/// also looking: it starts, or extends, the lease under which the business's tracker keeps its events (see
/// docs/dimensions.md#recent-events), so the first answer for a business nobody watched is empty.
/// </summary>
/// <param name="Max">At most this many events (capped at what a business keeps).</param>
public sealed record GetRecentEvents(string BusinessId, int Max, RecentEventFilter Filter) : ITrackerMessage, ITrackerProtocol;

/// <summary>Why a tracker keeps, or does not keep, a business's recent events.</summary>
public enum RecentEventsWatch : byte
{
    /// <summary><c>Tracker:RecentEvents</c> is 0: nothing is kept.</summary>
    Off = 0,

    /// <summary>Someone looked within the lease.</summary>
    Viewed = 1,

    /// <summary>The business is surging (or dropping): kept while it lasts, whether or not anyone looks.</summary>
    Surging = 2,

    /// <summary>The shard already keeps events for as many businesses as it may, all of them surging.</summary>
    Full = 3,
}

/// <summary>Reply to <see cref="GetRecentEvents"/>.</summary>
/// <param name="LeaseUntilMs">When the events stop being kept unless someone looks again or the business surges
/// (Unix ms; 0 when not kept).</param>
/// <param name="Held">Events held for the business, before the filter.</param>
/// <param name="Events">Those matching the filter, newest first.</param>
public sealed record RecentEventsPage(string BusinessId, RecentEventsWatch Watch, long LeaseUntilMs, int Held,
    RecentEvent[] Events) : ITrackerProtocol
{
    // Arrays compare by reference in a record: compare the events, so a page read back equals the one written.
    public bool Equals(RecentEventsPage? other) =>
        other is not null && BusinessId == other.BusinessId && Watch == other.Watch && LeaseUntilMs == other.LeaseUntilMs
        && Held == other.Held && Events.AsSpan().SequenceEqual(other.Events);

    public override int GetHashCode() => HashCode.Combine(BusinessId, Watch, LeaseUntilMs, Held, Events.Length);
}
