namespace Holler.Domain.Catalog;

/// <param name="Region">Country-state-county code in the shape the event contract's <c>region</c> uses.</param>
/// <param name="Weight">Metro population in millions; synthetic businesses are spread in proportion to it.</param>
public sealed record MetroArea(string Name, string Region, double Latitude, double Longitude, double Weight);
