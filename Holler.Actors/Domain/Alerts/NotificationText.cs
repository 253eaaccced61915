using System.Globalization;

namespace Holler.Domain.Alerts;

/// <summary>The human wording shared by the Slack and email channels, so both say the same thing.</summary>
public static class NotificationText
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>E.g. "FIRING: Surges everywhere — Joe's Pizza (+3 more)".</summary>
    public static string Headline(Notification n)
    {
        var state = n.Transition == AlertTransition.Firing ? "FIRING" : "RESOLVED";
        var first = n.Businesses.Count > 0 ? n.Businesses[0].Name : "no business";
        var more = n.Businesses.Count - 1 + n.MoreBusinesses;
        return more > 0 ? $"{state}: {n.RuleName} — {first} (+{more} more)" : $"{state}: {n.RuleName} — {first}";
    }

    /// <summary>One business's figures, e.g. "surge since 12:01:05 UTC: 340 events in 60 s, 41.2 expected (×8.25), severity 7.10".</summary>
    public static string Figures(AlertedBusiness b)
    {
        var since = string.Create(C, $"since {DateTimeOffset.FromUnixTimeMilliseconds(b.SinceMs).UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        return b.Kind switch
        {
            SignalKind.Rate => string.Create(C, $"rate {since}: {b.WindowCount} events in {b.WindowSeconds} s, {b.Expected:0.#} expected ({Ratio(b.Ratio)})"),
            SignalKind.ErrorShare => string.Create(C,
                $"error share {since}: {b.Ratio * 100:0.#}% of {b.WindowCount} events in {b.WindowSeconds} s were 5xx, usually {b.Expected * 100:0.#}%, severity {b.Severity:0.00}"),
            _ => string.Create(C, $"{(b.Drop ? "drop" : "surge")} {since}: "
                + $"{b.WindowCount} events in {b.WindowSeconds} s, {b.Expected:0.#} expected ({Ratio(b.Ratio)}), severity {b.Severity:0.00}"),
        };
    }

    /// <summary>The payload's and the pages' name for what an alert is about.</summary>
    public static string KindName(AlertedBusiness b) => b.Kind switch
    {
        SignalKind.Rate => "rate",
        SignalKind.ErrorShare => "error_share",
        _ => b.Drop ? "drop" : "surge",
    };

    /// <summary>Where the business is, e.g. "Pizza, Austin"; empty when neither is known.</summary>
    public static string Place(AlertedBusiness b) =>
        string.Join(", ", new[] { b.Category, b.City }.Where(s => !string.IsNullOrWhiteSpace(s)));

    public static string MoreLine(Notification n) =>
        n.MoreBusinesses > 0 ? $"… and {n.MoreBusinesses.ToString(C)} more business{(n.MoreBusinesses == 1 ? "" : "es")}." : "";

    private static string Ratio(double ratio) => double.IsFinite(ratio) ? string.Create(C, $"×{ratio:0.##}") : "none expected";
}
