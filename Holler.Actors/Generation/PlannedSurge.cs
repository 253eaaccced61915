using Holler.Domain.Catalog;

namespace Holler.Generation;

/// <param name="Number">Position in the plan's surge schedule (0 = first).</param>
/// <param name="Rank">Popularity rank of the business (0 = busiest).</param>
/// <param name="NormalEventsPerSecond">The business's baseline rate at the surge start, daily rhythm included.</param>
/// <param name="ExtraEvents">How many extra events the surge adds, spread evenly over [StartMs, EndMs).</param>
public sealed record PlannedSurge(
    int Number,
    int BusinessIndex,
    int Rank,
    long StartMs,
    long EndMs,
    double Magnitude,
    double NormalEventsPerSecond,
    double ExtraEventsPerSecond,
    long ExtraEvents)
{
    public SurgeTruth ToTruth(BusinessCatalog catalog, long? clipEndMs = null) =>
        new(catalog[BusinessIndex].Id,
            DateTimeOffset.FromUnixTimeMilliseconds(StartMs),
            DateTimeOffset.FromUnixTimeMilliseconds(clipEndMs is { } clip ? Math.Min(EndMs, clip) : EndMs),
            Magnitude,
            ExtraEventsPerSecond);
}
