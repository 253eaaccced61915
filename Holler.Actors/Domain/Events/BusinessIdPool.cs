namespace Holler.Domain;

/// <summary>
/// One string instance per business id seen: the same few hundred thousand ids arrive millions of times a minute, so
/// parsing an event of a known business allocates nothing (see <see cref="StringPool"/> for the bound and threading).
/// </summary>
public sealed class BusinessIdPool(int capacity = BusinessIdPool.DefaultCapacity)
    : StringPool(capacity, TrafficEventParser.MaxBusinessIdBytes)
{
    /// <summary>Ten times the reference deployment's businesses.</summary>
    public const int DefaultCapacity = 2_000_000;
}
