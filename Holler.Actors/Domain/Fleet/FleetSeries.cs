namespace Holler.Domain.Fleet;

/// <summary>One value's counts per bucket (a band of a stacked area chart).</summary>
public sealed record FleetSeries(string Value, IReadOnlyList<long> Counts);
