namespace Holler.Domain.Detection;

/// <summary>A <see cref="SeasonGroup"/>'s learned rhythm as plain data, for snapshots.</summary>
/// <param name="Key">The group: its category (<see cref="SeasonGroup.Key"/>).</param>
/// <param name="Values">Its slots as stored (<see cref="SeasonalProfile.Raw"/>).</param>
/// <param name="Sums">Its tables' running sums (<see cref="SeasonalProfile.Sums"/>).</param>
public sealed record SeasonalProfileState(string Key, double[] Values, double[] Visits, double[] Sums);
