namespace Holler.Host.Operator.Api;

/// <summary><c>GET /api/business/{id}</c>: one business as its tracker sees it now.</summary>
/// <param name="State">surging, normal, warming-up (baseline still learning) or no-traffic.</param>
/// <param name="WindowEnd">End of the newest 1-second bucket; null when the business never had traffic.</param>
/// <param name="WindowCounts">Events per second over the 60 seconds ending at <paramref name="WindowEnd"/>, oldest first.</param>
/// <param name="Window">Their sum: events in the current 60-second window.</param>
/// <param name="Baseline">Events this business is expected to get in the current 60 seconds (its daily and weekly rhythm
/// included).</param>
/// <param name="BandLow">A window below this would be a drop at the detector's threshold.</param>
/// <param name="BandHigh">A window above this would be a surge.</param>
/// <param name="Score">Severity: −log10 of how likely a window this far from the expectation is (7 = one in ten million).</param>
/// <param name="Episode">surge or drop while one is going on, else null.</param>
/// <param name="ShiftMinutes">Minutes the current deviation has lasted towards becoming the new level.</param>
/// <param name="MinuteCounts">Events per minute, the last 60 minutes, oldest first.</param>
/// <param name="Late">Events that arrived behind the window and were counted but not applied to it.</param>
/// <param name="Dimensions">Its breakdown by dimension; null for a business too quiet to keep one
/// (<c>Dimensions:MinEventsPerMinute</c>) or with dimensions switched off.</param>
public sealed record BusinessView(string BusinessId, string? Name, string? Category, string? City, string State,
    long Window, DateTimeOffset? WindowEnd, int[] WindowCounts, double Baseline, double BandLow, double BandHigh, bool Warm,
    double Score, double Ratio, DateTimeOffset? SurgingSince, long Total, long Late, int[] MinuteCounts,
    string? Episode, int ShiftMinutes, DimensionsView? Dimensions = null);
