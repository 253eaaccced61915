namespace Holler.Domain.Alerts;

/// <summary>A tracker's report on one business's episode, as rules read it.</summary>
/// <param name="Active">The episode goes on; false when it ended.</param>
/// <param name="Drop">The episode is traffic below its expectation.</param>
/// <param name="SinceMs">When the episode started (event time, Unix ms): a different value is another episode.</param>
public sealed record SurgeSignal(string BusinessId, bool Active, bool Drop, double Severity, double Ratio, long WindowCount,
    double Expected, long SinceMs);
