namespace Holler.Domain.Dimensions;

/// <summary>What traffic is sliced by. Stored in snapshots and messages: new ones go at the end.</summary>
public enum Dimension : byte
{
    Platform,
    Status,
    Path,
    Referrer,
    Region,
}

/// <summary>A dimension value whose share of a business's traffic grew against its baseline: "app: 82% of the last
/// 60 s, normally 30%".</summary>
public sealed record Driver(Dimension Dimension, string Value, double Share, double BaselineShare)
{
    public double Growth => Share - BaselineShare;

    public override string ToString() =>
        FormattableString.Invariant($"{Dimension.ToString().ToLowerInvariant()} {Value}: {Share * 100:0}% of the last 60 s, normally {BaselineShare * 100:0}%");
}
