namespace Holler.Domain.History;

/// <summary>
/// One business's one closed minute (event time), as the history stores it. Carries the minute's full count, never an
/// increment, so writing it again (a replay after a crash, a node restarted) leaves the same row: see docs/history.md.
/// </summary>
/// <param name="Minute">Unix minute (Unix seconds / 60).</param>
/// <param name="Expected">What the baseline expected for that minute; 0 while warming up.</param>
/// <param name="Severity">The detector's score when the minute closed.</param>
/// <param name="Surging">Surging (or in a drop, with <paramref name="Drop"/>) when the minute closed.</param>
public readonly record struct MinuteRollup(string BusinessId, long Minute, int Count, double Expected, double Severity,
    bool Surging, bool Drop);
