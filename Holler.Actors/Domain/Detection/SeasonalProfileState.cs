namespace Holler.Domain.Detection;

/// <summary>A <see cref="SeasonGroup"/>'s learned rhythm as plain data, for snapshots.</summary>
/// <param name="Key">The group: category and time zone (<see cref="SeasonGroup.KeyOf"/>).</param>
public sealed record SeasonalProfileState(string Key, double[] Values, double[] Visits);
