namespace Holler.Domain.Fleet;

/// <summary>
/// One way the fleet views slice traffic (category, state, county …): its name on the wire and in the views, how a
/// value is read from an event, and how many distinct values one second or one bucket keeps before the rest is counted
/// as <see cref="FleetDimensions.Other"/> (what bounds memory against a producer inventing values).
/// </summary>
/// <remarks>A class, not a record: it keys dictionaries, and a record's equality would hash the delegate on every lookup.</remarks>
public sealed class FleetDimension(string name, int maxValues, Func<FleetFacts, string?> valueOf)
{
    public string Name { get; } = name;
    public int MaxValues { get; } = maxValues;
    public Func<FleetFacts, string?> ValueOf { get; } = valueOf;
}

/// <summary>The dimensions the ingest counts and the views keep. Adding one (platform, page) is one line here and one
/// field in <see cref="FleetFacts"/>: the tally, the wire format and the window are generic over this list.</summary>
public static class FleetDimensions
{
    public const string Other = "other";

    public static readonly FleetDimension Category = new("category", 64, f => f.Category);
    public static readonly FleetDimension State = new("state", 64, f => f.State);
    public static readonly FleetDimension County = new("county", 512, f => f.County);

    public static IReadOnlyList<FleetDimension> All { get; } = [Category, State, County];

    public static FleetDimension? Find(string name)
    {
        foreach (var d in All)
            if (d.Name == name) return d;
        return null;
    }
}
