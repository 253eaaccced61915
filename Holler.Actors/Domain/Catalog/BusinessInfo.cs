namespace Holler.Domain.Catalog;

public sealed record BusinessInfo(string Id, string Name, string Category, string City, double Latitude, double Longitude);
