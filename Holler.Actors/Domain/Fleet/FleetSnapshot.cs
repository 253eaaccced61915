namespace Holler.Domain.Fleet;

/// <summary>
/// What the fleet page shows, as one immutable snapshot shared by every browser session.
/// </summary>
/// <param name="AtMs">When it was taken, Unix ms.</param>
/// <param name="BucketStarts">Unix seconds of each bucket's start, oldest first; the last bucket is still filling.</param>
/// <param name="EventsPerSecond">The fleet's rate over the last <see cref="FleetWindow.RateBuckets"/> complete buckets.</param>
/// <param name="ErrorShare">Server errors (5xx) as a share of all events over the last <paramref name="RecentSeconds"/>.</param>
/// <param name="ByCategory">Events per bucket of the busiest categories, then <c>other</c>.</param>
/// <param name="TrafficByState">Events per state (two-digit FIPS) over the last <paramref name="RecentSeconds"/>.</param>
/// <param name="TrafficByCounty">Events per county (five-digit FIPS) over the same.</param>
public sealed record FleetSnapshot(
    long AtMs,
    int BucketSeconds,
    IReadOnlyList<long> BucketStarts,
    IReadOnlyList<long> Events,
    IReadOnlyList<long> Errors,
    double EventsPerSecond,
    double ErrorShare,
    IReadOnlyList<FleetSeries> ByCategory,
    IReadOnlyDictionary<string, long> TrafficByState,
    IReadOnlyDictionary<string, long> TrafficByCounty,
    int RecentSeconds)
{
    public static FleetSnapshot Empty { get; } = new(0, FleetWindow.BucketSeconds, [], [], [], 0, 0, [],
        new Dictionary<string, long>(), new Dictionary<string, long>(), 300);

    public long TotalEvents => Events.Sum();
}
