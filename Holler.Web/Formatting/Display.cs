using System.Globalization;

namespace Holler.Web.Formatting;

/// <summary>How the dashboard writes numbers and times: thousands separators, "12.4×", UTC clock times.</summary>
public static class Display
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Count(long n) => n.ToString("N0", C);

    public static string Count(double n) => n.ToString(n >= 100 || n == Math.Floor(n) ? "N0" : "N1", C);

    public static string Score(double score) => score.ToString("N1", C);

    /// <summary>A severity as a person reads it: "high", "very high"… (relative to the default alarm threshold of 7).</summary>
    public static string SeverityWord(double severity) =>
        Holler.Domain.Detection.SeverityScale.Word(severity, Holler.Domain.Detection.ModelSettings.DefaultThreshold);

    /// <summary>How rare a window this far out is: "1 in 10 million" for severity 7.</summary>
    public static string Odds(double severity) => severity switch
    {
        < 1 => "common",
        < 3 => $"1 in {Math.Pow(10, severity):N0}",
        < 6 => $"1 in {Math.Pow(10, severity - 3):N0} thousand",
        < 9 => $"1 in {Math.Pow(10, severity - 6):N0} million",
        < 12 => $"1 in {Math.Pow(10, severity - 9):N0} billion",
        _ => $"1 in 10^{severity:N0}",
    };

    public static string Ratio(double ratio) =>
        double.IsFinite(ratio) ? (ratio >= 1000 ? ratio.ToString("N0", C) : ratio.ToString("N1", C)) + "×" : "∞×";

    /// <summary>A share 0–1 as a person reads it: "82%", "0.4%" below one percent.</summary>
    public static string Percent(double share) =>
        !double.IsFinite(share) ? "—" : share is > 0 and < 0.01 ? (share * 100).ToString("0.0", C) + "%" : (share * 100).ToString("0", C) + "%";

    /// <summary>A driver in a few words for a table cell: "ios 82% (usually 30%)".</summary>
    public static string DriverShort(Holler.Domain.Dimensions.Driver d) => $"{d.Value} {Percent(d.Share)} (usually {Percent(d.BaselineShare)})";

    public static string Rate(double perSecond) => perSecond.ToString("N0", C) + "/s";

    public static string Clock(long unixMs) =>
        unixMs <= 0 ? "—" : DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("HH:mm:ss", C);

    public static string Duration(TimeSpan d)
    {
        if (d < TimeSpan.Zero) d = TimeSpan.Zero;
        if (d.TotalHours >= 1) return $"{(int)d.TotalHours}h {d.Minutes:D2}m";
        if (d.TotalMinutes >= 1) return $"{(int)d.TotalMinutes}m {d.Seconds:D2}s";
        return $"{(int)d.TotalSeconds}s";
    }

    /// <summary>"12 s ago", for the time since the last update.</summary>
    public static string Ago(long unixMs, long nowMs) => unixMs <= 0 ? "never" : Duration(TimeSpan.FromMilliseconds(nowMs - unixMs)) + " ago";
}
