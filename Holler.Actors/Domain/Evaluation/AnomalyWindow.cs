namespace Holler.Domain.Evaluation;

/// <summary>
/// A labelled anomaly and the window in which detecting it counts. Both are in the series' own timestamps (for a
/// series written in local time, local clock time read as UTC, exactly as <c>holler detect</c> would read the file).
/// </summary>
/// <param name="Start">When the injected change starts; the window starts here too.</param>
/// <param name="End">The window's end: <c>Start + max(anomaly duration, <see cref="MinimumLength"/>)</c>, or
/// <c>Start + MinimumLength</c> for a lasting level shift.</param>
/// <param name="AnomalyEnd">When the injected change stops (the series' end for a level shift).</param>
/// <param name="Shape">What was injected, for people reading labels.json, e.g. "sudden 10x for 15m".</param>
/// <remarks>
/// NAB centres a window on each label and sizes it at 10% of the series divided among its anomalies, because its labels
/// were placed by people and may be early or late. Ours are injected, so their start is exact: a flag before it can
/// only be a guess and is a false positive, and the window opens at the start. Its length is the anomaly's own
/// duration but at least 10% of a day (2.4 h), so that detecting a two-minute spike an hour late still counts (with
/// little reward), and so that the after-effects of an anomaly (a baseline that learned a drop alarming when traffic
/// comes back) are not also counted as false alarms. A level shift is labelled at its step only: a detector that is
/// still alarming 2.4 h after a lasting change has not adapted, and pays for each further flag.
/// </remarks>
public sealed record AnomalyWindow(DateTimeOffset Start, DateTimeOffset End, AnomalyKind Kind, DateTimeOffset AnomalyEnd, string Shape)
{
    public static readonly TimeSpan MinimumLength = TimeSpan.FromHours(2.4);

    public bool Contains(DateTimeOffset timestamp) => timestamp >= Start && timestamp <= End;

    public TimeSpan Length => End - Start;
}
