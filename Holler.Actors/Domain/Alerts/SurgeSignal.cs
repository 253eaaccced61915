namespace Holler.Domain.Alerts;

/// <summary>A tracker's report on one business, as rules read it.</summary>
/// <param name="Active">The episode goes on; false when it ended (for a rate, when the count fell below every watched
/// threshold).</param>
/// <param name="Drop">The episode is traffic below its expectation.</param>
/// <param name="Severity">The detector's severity; for an error share, the share's own severity; 0 for a rate.</param>
/// <param name="Ratio">Window over expectation; for an error share, the 5xx share of the window (0–1).</param>
/// <param name="WindowCount">Events in the window (<paramref name="WindowSeconds"/> long).</param>
/// <param name="Expected">Events expected in that window; for an error share, the business's usual 5xx share (0–1).</param>
/// <param name="SinceMs">When the episode started (event time, Unix ms): a different value is another episode.</param>
/// <param name="Kind">What the report is about; rules read only their own kind.</param>
/// <param name="WindowSeconds">How long the counted window is: 60 for the detector, a rate rule's own for a rate.</param>
public sealed record SurgeSignal(string BusinessId, bool Active, bool Drop, double Severity, double Ratio, long WindowCount,
    double Expected, long SinceMs, SignalKind Kind = SignalKind.Episode, int WindowSeconds = 60);
