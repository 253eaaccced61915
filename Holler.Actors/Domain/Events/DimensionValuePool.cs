namespace Holler.Domain;

/// <summary>
/// One string instance per path, referrer or region seen: a few thousand pages, referrers and regions repeat millions
/// of times a minute. Bounded like <see cref="BusinessIdPool"/> (<see cref="StringPool"/>), so a producer putting ids
/// or query strings in paths cannot grow it without limit.
/// </summary>
public sealed class DimensionValuePool(int capacity = DimensionValuePool.DefaultCapacity)
    : StringPool(capacity, TrafficEventParser.MaxDimensionBytes)
{
    /// <summary>A few pages per business of the reference deployment, plus every referrer and region.</summary>
    public const int DefaultCapacity = 500_000;
}
