namespace Holler.Domain.Alerts;

/// <summary>One business in a notification, as its receivers see it.</summary>
/// <param name="Drop">The episode is traffic well below its expectation, not a surge.</param>
/// <param name="Severity">The detector's severity (−log10 of how likely the window is) at the transition.</param>
/// <param name="Ratio">Events in the window over the expectation.</param>
/// <param name="WindowCount">Events in the last 60 seconds.</param>
/// <param name="Expected">Events expected in 60 seconds (the seasonal baseline).</param>
/// <param name="SinceMs">When the episode started (event time, Unix ms).</param>
/// <param name="DrillDownUrl">The business's page on the dashboard; empty when no public address is configured.</param>
/// <param name="Kind">What the alert is about. For a rate, <paramref name="WindowCount"/> counts the rule's
/// <paramref name="WindowSeconds"/>; for an error share, <paramref name="Ratio"/> is the window's 5xx share and
/// <paramref name="Expected"/> the business's usual share (both 0–1).</param>
/// <param name="WindowSeconds">How long the counted window is.</param>
public sealed record AlertedBusiness(
    string BusinessId,
    string Name,
    string? Category,
    string? City,
    bool Drop,
    double Severity,
    double Ratio,
    long WindowCount,
    double Expected,
    long SinceMs,
    string DrillDownUrl,
    SignalKind Kind = SignalKind.Episode,
    int WindowSeconds = 60);
