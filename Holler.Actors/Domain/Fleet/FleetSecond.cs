namespace Holler.Domain.Fleet;

/// <summary>
/// One node's counts for one event second: all events, server errors, and per dimension (by name) the count per value.
/// What an ingest node publishes and the fleet window sums across nodes.
/// </summary>
public sealed record FleetSecond(long Second, long Events, long Errors,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Counts);
