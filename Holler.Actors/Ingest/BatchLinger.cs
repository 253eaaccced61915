namespace Holler.Ingest;

/// <summary>
/// How long the next micro-batch waits to fill. Each micro-batch becomes one tracker message per shard and partition it
/// touches, and each message costs about the same however few events it carries, so at light traffic a fixed window
/// spends most of the node's CPU on messages of a handful of events. The window therefore grows, from
/// <see cref="Delay"/> up to <see cref="MaxDelay"/>, until the micro-batch would hold about <see cref="TargetRecords"/>
/// at the rate the last one filled; at high rates it stays at <see cref="Delay"/>. <see cref="MaxDelay"/> bounds what
/// the linger adds to an event's way to the dashboard (see docs/performance.md#steady-rate-efficiency-issue-16-part-3).
/// Pure: the reader measures, this decides.
/// </summary>
/// <param name="Delay">The window at high rates (<c>Ingest:BatchDelayMs</c>).</param>
/// <param name="MaxDelay">The longest window, at light traffic (<c>Ingest:BatchLingerMs</c>); equal to
/// <paramref name="Delay"/> for a fixed window.</param>
/// <param name="TargetRecords">Records a micro-batch should hold before the window stops growing.</param>
public sealed record BatchLinger(TimeSpan Delay, TimeSpan MaxDelay, int TargetRecords)
{
    /// <summary>A fixed window: what the ingest did before micro-batches lingered.</summary>
    public static BatchLinger Fixed(TimeSpan delay) => new(delay, delay, 1);

    /// <summary>The window of the first micro-batch, before any rate is known.</summary>
    public TimeSpan First => Delay;

    /// <param name="lastRecords">Records the last micro-batch held.</param>
    /// <param name="lastOpen">How long it was open: from its first record until it was handed on.</param>
    public TimeSpan Next(int lastRecords, TimeSpan lastOpen)
    {
        if (MaxDelay <= Delay || lastRecords >= TargetRecords) return Delay;
        // Records arriving faster than the clock can tell apart: as fast as at any rate.
        if (lastOpen <= TimeSpan.Zero) return Delay;
        var perSecond = Math.Max(lastRecords, 1) / lastOpen.TotalSeconds;
        var wanted = TargetRecords / perSecond;
        if (wanted <= Delay.TotalSeconds) return Delay;
        return wanted >= MaxDelay.TotalSeconds ? MaxDelay : TimeSpan.FromSeconds(wanted);
    }
}
