namespace Holler.Domain.Dimensions;

/// <summary>One busy business's traffic by dimension and its distinct users: what the tracker keeps per business
/// above <see cref="DimensionSettings.MinEventsPerMinute"/> (see docs/dimensions.md#who-keeps-a-breakdown).</summary>
public sealed class BusinessDimensions
{
    public DimensionBreakdown Breakdown { get; } = new();

    public DistinctUsers Users { get; } = new();

    /// <summary>The last 60 s of statuses: the error share an error surge is judged on.</summary>
    public StatusWindow Statuses { get; } = new();

    /// <param name="learn">False while the business is in a surge or an error surge (see <see cref="DimensionBreakdown.Add"/>).</param>
    public void Add(long second, Platform platform, StatusClass status, string? path, string? referrer, string? region, ulong user,
        bool learn = true)
    {
        Breakdown.Add(second, platform, status, path, referrer, region, learn);
        Users.Add(second, user);
        Statuses.Add(second, status);
    }

    /// <summary>The drill-down's view at <paramref name="nowSecond"/> (event time), decayed to it.</summary>
    public DimensionSummary Summarise(long nowSecond, double errorScore, long errorSinceMs)
    {
        Breakdown.Advance(nowSecond);
        Statuses.Advance(nowSecond);
        var values = new List<Driver>();
        foreach (var dimension in Enum.GetValues<Dimension>()) values.AddRange(Breakdown.Breakdown(dimension));
        var (minute, fiveMinutes, hour) = Users.Estimate(nowSecond);
        var (_, usually) = Breakdown.ErrorShare();
        return new DimensionSummary(Breakdown.Drivers(), values, minute, fiveMinutes, hour, DistinctUsers.StandardError,
            Statuses.Share, usually, errorScore, errorSinceMs);
    }

    /// <summary>The evidence an error surge is scored on at <paramref name="nowSecond"/>: the window's 5xx and known
    /// responses, and the decayed weights of both over the last hour or so.</summary>
    public (double ErrorsNow, double KnownNow, double ErrorsUsually, double KnownUsually) ErrorCounts(long nowSecond)
    {
        Breakdown.Advance(nowSecond);
        Statuses.Advance(nowSecond);
        var (_, _, errorsUsually, knownUsually) = Breakdown.ErrorCounts();
        return (Statuses.Errors, Statuses.Known, errorsUsually, knownUsually);
    }
}
