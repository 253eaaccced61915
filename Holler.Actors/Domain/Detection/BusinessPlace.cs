namespace Holler.Domain.Detection;

/// <summary>What the detector needs to know of a business beyond its traffic: whose rhythm it shares, and where.</summary>
public sealed record BusinessPlace(string Category, double Latitude, double Longitude);

/// <summary>Looks a business up; null for one the catalog does not know (it keeps UTC and a rhythm of its own kind).</summary>
public delegate BusinessPlace? BusinessDirectory(string businessId);
