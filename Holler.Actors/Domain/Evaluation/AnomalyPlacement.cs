namespace Holler.Domain.Evaluation;

/// <summary>Spreads anomalies over a series so that their windows never overlap and none falls in the probation period.</summary>
internal static class AnomalyPlacement
{
    /// <summary>Space kept clear before each anomaly and after its window, so one anomaly's after-effects do not run into the next.</summary>
    private static readonly TimeSpan Clearance = TimeSpan.FromHours(1);

    /// <summary>
    /// One anomaly in each of <paramref name="count"/> equal slots of [<paramref name="from"/>, <paramref name="to"/>),
    /// at a random start on the interval grid that leaves room for its window in the slot.
    /// </summary>
    /// <param name="make">Builds the change at a start, drawing its shape from the random.</param>
    public static List<InjectedChange> Spread(Random random, DateTimeOffset gridStart, TimeSpan interval, DateTimeOffset from, DateTimeOffset to,
        int count, Func<Random, DateTimeOffset, InjectedChange> make)
    {
        var changes = new List<InjectedChange>(count);
        var slot = (to - from) / Math.Max(1, count);
        for (var i = 0; i < count; i++)
        {
            var slotStart = from + i * slot;
            // Draw the shape first (at a provisional start) to know how much room its window needs.
            var probe = make(random, slotStart);
            var earliest = slotStart + Clearance;
            var latest = slotStart + slot - probe.WindowLength - Clearance;
            var at = latest > earliest ? earliest + (latest - earliest) * random.NextDouble() : earliest;
            var onGrid = gridStart + Math.Ceiling((at - gridStart) / interval) * interval;
            changes.Add(probe with { Start = onGrid });
        }
        return changes;
    }
}
