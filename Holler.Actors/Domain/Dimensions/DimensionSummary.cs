namespace Holler.Domain.Dimensions;

/// <summary>What a business's breakdown says now, for the drill-down: its drivers, every kept value by dimension, its
/// active users, and its 5xx share against its own.</summary>
/// <param name="Drivers">The values whose share grew most against the baseline (at most 3), largest growth first.</param>
/// <param name="Values">Every kept value of every dimension with its share now and usually; group by
/// <see cref="Driver.Dimension"/>, largest share now first within one.</param>
/// <param name="UsersLastMinute">Distinct users over the last 60 s (HyperLogLog, ±<paramref name="UsersStandardError"/>).</param>
/// <param name="UsersStandardError">The estimates' relative standard error (0.13).</param>
/// <param name="ErrorShare">5xx among responses with a status, over the last 60 s (0–1).</param>
/// <param name="UsualErrorShare">The same over the last hour or so.</param>
/// <param name="ErrorScore">How unlikely that share is against the usual one: a severity on the detector's scale.</param>
/// <param name="ErrorSinceMs">Start of the current error surge (event time, Unix ms); 0 when there is none.</param>
public sealed record DimensionSummary(
    IReadOnlyList<Driver> Drivers,
    IReadOnlyList<Driver> Values,
    double UsersLastMinute,
    double UsersLastFiveMinutes,
    double UsersLastHour,
    double UsersStandardError,
    double ErrorShare,
    double UsualErrorShare,
    double ErrorScore,
    long ErrorSinceMs)
{
    public bool ErrorSurging => ErrorSinceMs != 0;

    public IEnumerable<Driver> ValuesOf(Dimension dimension) => Values.Where(v => v.Dimension == dimension);
}
