namespace Holler.Domain.Dimensions;

/// <summary>One busy business's traffic by dimension and its distinct users: what the tracker keeps per business
/// above <see cref="DimensionSettings.MinEventsPerMinute"/> (see docs/dimensions.md#who-keeps-a-breakdown).</summary>
public sealed class BusinessDimensions
{
    public DimensionBreakdown Breakdown { get; } = new();

    public DistinctUsers Users { get; } = new();

    public void Add(long second, Platform platform, StatusClass status, string? path, string? referrer, string? region, ulong user)
    {
        Breakdown.Add(second, platform, status, path, referrer, region);
        Users.Add(second, user);
    }

    /// <summary>The drill-down's view at <paramref name="nowSecond"/> (event time), decayed to it.</summary>
    public DimensionSummary Summarise(long nowSecond, double errorScore, long errorSinceMs)
    {
        Breakdown.Advance(nowSecond);
        var values = new List<Driver>();
        foreach (var dimension in Enum.GetValues<Dimension>()) values.AddRange(Breakdown.Breakdown(dimension));
        var (minute, fiveMinutes, hour) = Users.Estimate(nowSecond);
        var (share, usually) = Breakdown.ErrorShare();
        return new DimensionSummary(Breakdown.Drivers(), values, minute, fiveMinutes, hour, DistinctUsers.StandardError,
            share, usually, errorScore, errorSinceMs);
    }
}
