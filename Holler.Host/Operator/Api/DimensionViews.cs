using Holler.Domain.Dimensions;

namespace Holler.Host.Operator.Api;

/// <summary>A dimension value and its share of the business's traffic now (about the last 60 s) and usually (about
/// the last hour); as a driver, one whose share grew most. <paramref name="Text"/> is the sentence the dashboard shows.</summary>
/// <param name="Dimension">platform, status, path, referrer or region.</param>
public sealed record DriverView(string Dimension, string Value, double Share, double BaselineShare, string Text)
{
    public static DriverView From(Driver d) =>
        new(d.Dimension.ToString().ToLowerInvariant(), d.Value, Math.Round(d.Share, 4), Math.Round(d.BaselineShare, 4), d.ToString());

    public static IReadOnlyList<DriverView> From(IReadOnlyList<Driver>? drivers) => drivers is null ? [] : [.. drivers.Select(From)];
}

/// <summary>Distinct users (HyperLogLog estimates, each within ±<paramref name="StandardError"/> relative, one standard error).</summary>
public sealed record ActiveUsersView(double LastMinute, double LastFiveMinutes, double LastHour, double StandardError);

/// <summary>A busy business's breakdown (<c>dimensions</c> of <see cref="BusinessView"/>): its drivers, every kept value
/// by dimension, its active users, and its 5xx share against its own.</summary>
/// <param name="ErrorShare">5xx among responses with a status, last minute or so (0–1).</param>
/// <param name="ErrorScore">Severity of that share against the usual one, on the detector's scale.</param>
/// <param name="ErrorSurgingSince">Start of the current error surge; null when there is none.</param>
public sealed record DimensionsView(IReadOnlyList<DriverView> Drivers, IReadOnlyDictionary<string, IReadOnlyList<DriverView>> Values,
    ActiveUsersView ActiveUsers, double ErrorShare, double UsualErrorShare, double ErrorScore, DateTimeOffset? ErrorSurgingSince)
{
    public static DimensionsView? From(DimensionSummary? s) => s is null ? null : new(
        DriverView.From(s.Drivers),
        Enum.GetValues<Dimension>().ToDictionary(d => d.ToString().ToLowerInvariant(),
            d => (IReadOnlyList<DriverView>)[.. s.ValuesOf(d).Select(DriverView.From)]),
        new ActiveUsersView(Math.Round(s.UsersLastMinute), Math.Round(s.UsersLastFiveMinutes), Math.Round(s.UsersLastHour), s.UsersStandardError),
        Math.Round(s.ErrorShare, 4), Math.Round(s.UsualErrorShare, 4), Math.Round(s.ErrorScore, 2),
        s.ErrorSurging ? DateTimeOffset.FromUnixTimeMilliseconds(s.ErrorSinceMs) : null);
}
