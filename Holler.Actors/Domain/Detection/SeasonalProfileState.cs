namespace Holler.Domain.Detection;

/// <summary>A <see cref="SeasonGroup"/>'s learned rhythm as plain data, for snapshots.</summary>
/// <param name="Key">The group: its category (<see cref="SeasonGroup.Key"/>).</param>
public sealed record SeasonalProfileState(string Key, double[] Values, double[] Visits);
