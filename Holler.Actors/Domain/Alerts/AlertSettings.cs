namespace Holler.Domain.Alerts;

/// <summary>How alerts behave across rules.</summary>
/// <param name="GroupWindow">Alerts of one rule firing (or resolving) within this of the first make one notification.</param>
/// <param name="GroupSize">At most this many businesses are listed in one notification; the rest are counted.</param>
/// <param name="StaleAfter">An open alert whose business no tracker reported for this long resolves: trackers report a
/// surging business every second, so silence means its end was lost (say in a fail-over).</param>
/// <param name="HistoryLimit">Resolved alerts kept; the oldest go first.</param>
/// <param name="PublicUrl">The dashboard's address as people reach it, for drill-down links; empty for none.</param>
/// <param name="KnownChannels">The configured channel names; null when this node cannot tell (any name is accepted).</param>
/// <param name="Tick">How often pending alerts, groups, reminders and staleness are looked at.</param>
/// <param name="ResendAfter">A notification delivery has not confirmed is handed to it again after this.</param>
/// <param name="SnapshotEvery">Journal events between snapshots of the book.</param>
public sealed record AlertSettings(
    TimeSpan GroupWindow,
    int GroupSize,
    TimeSpan StaleAfter,
    int HistoryLimit,
    string PublicUrl,
    IReadOnlySet<string>? KnownChannels,
    TimeSpan Tick,
    TimeSpan ResendAfter,
    int SnapshotEvery)
{
    public static AlertSettings Default { get; } = new(
        TimeSpan.FromSeconds(30), 20, TimeSpan.FromSeconds(60), 10_000, "", null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 500);

    /// <summary>The business's page on the dashboard, or empty when no public address is configured.</summary>
    public string DrillDownUrl(string businessId) =>
        PublicUrl.Length == 0 ? "" : $"{PublicUrl.TrimEnd('/')}/business/{Uri.EscapeDataString(businessId)}";

    public IEnumerable<string> Validate(string prefix = "Alerts")
    {
        if (GroupWindow < TimeSpan.Zero || GroupWindow > TimeSpan.FromHours(1))
            yield return $"{prefix}:GroupWindowSeconds must be between 0 and 3600, was {GroupWindow.TotalSeconds}";
        if (GroupSize is < 1 or > 1000) yield return $"{prefix}:GroupSize must be between 1 and 1000, was {GroupSize}";
        if (StaleAfter < TimeSpan.FromSeconds(5) || StaleAfter > TimeSpan.FromDays(1))
            yield return $"{prefix}:StaleAfterSeconds must be between 5 and 86400, was {StaleAfter.TotalSeconds}";
        if (HistoryLimit is < 10 or > 1_000_000) yield return $"{prefix}:HistoryLimit must be between 10 and 1000000, was {HistoryLimit}";
    }

    /// <summary>Null when <paramref name="url"/> is empty or an absolute http(s) address; else the problem.</summary>
    public static string? CheckPublicUrl(string url, string setting)
    {
        if (url.Length == 0) return null;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0
            ? null
            : $"{setting}: '{url}' is not an absolute http(s) address (e.g. https://holler.example.com)";
    }
}
