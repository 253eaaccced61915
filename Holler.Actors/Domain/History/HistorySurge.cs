namespace Holler.Domain.History;

/// <summary>One surge (or drop) as the history keeps it, with where its business is for the per-category and per-city
/// views. Keyed by business and start: a report of the same surge again only moves its end and peaks.</summary>
/// <param name="EndedMs">0 while ongoing.</param>
public sealed record HistorySurge(string BusinessId, long StartedMs, long EndedMs, double PeakScore, long PeakCount,
    double PeakRatio, bool Drop, string Category, string City);
