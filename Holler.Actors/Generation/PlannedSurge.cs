using Holler.Domain.Catalog;

namespace Holler.Generation;

/// <param name="Number">Position in the plan's surge schedule (0 = first).</param>
/// <param name="Rank">Popularity rank of the business (0 = busiest).</param>
/// <param name="NormalEventsPerSecond">The business's baseline rate at the surge start, daily rhythm included.</param>
/// <param name="ExtraEvents">How many extra events the surge adds, spread evenly over [StartMs, EndMs).</param>
/// <param name="Platform">The one platform of the extra events (see <see cref="SurgeFocus"/>); null when not confined.</param>
/// <param name="Path">The one page of the extra events; null when not confined.</param>
public sealed record PlannedSurge(
    int Number,
    int BusinessIndex,
    int Rank,
    long StartMs,
    long EndMs,
    double Magnitude,
    double NormalEventsPerSecond,
    double ExtraEventsPerSecond,
    long ExtraEvents,
    string? Platform = null,
    string? Path = null)
{
    /// <summary>What the surge's extra events are pinned to.</summary>
    public EventShape Shape => new(Platform, Path);

    public SurgeTruth ToTruth(BusinessCatalog catalog, long? clipEndMs = null) =>
        new(catalog[BusinessIndex].Id,
            DateTimeOffset.FromUnixTimeMilliseconds(StartMs),
            DateTimeOffset.FromUnixTimeMilliseconds(clipEndMs is { } clip ? Math.Min(EndMs, clip) : EndMs),
            Magnitude,
            ExtraEventsPerSecond);
}
