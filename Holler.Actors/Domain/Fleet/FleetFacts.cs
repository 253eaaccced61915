namespace Holler.Domain.Fleet;

/// <summary>
/// What the fleet views count about one accepted event: its second, its status and the slices it falls in. The ingest
/// fills it from the parsed event and the catalog (<see cref="FleetDirectory"/>); a field the views should slice by is
/// added here and named once in <see cref="FleetDimensions.All"/>.
/// </summary>
/// <param name="Status">HTTP status, 0 when the producer sent none.</param>
/// <param name="State">Two-digit US state FIPS code (as the base map's <c>US-36</c>), null outside the US or unknown.</param>
/// <param name="County">Five-digit county FIPS code, null when unknown.</param>
public readonly record struct FleetFacts(long Second, int Status, string? Category, string? State, string? County)
{
    /// <summary>Server errors are what the fleet's error rate counts (the 5xx share).</summary>
    public bool IsServerError => Status is >= 500 and <= 599;
}
