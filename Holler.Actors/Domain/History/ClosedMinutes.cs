using Holler.Domain.Traffic;

namespace Holler.Domain.History;

/// <summary>
/// Which of a business's minutes a batch closed, and their final counts. A minute is closed once every one of its
/// seconds has left the rolling window (head ≥ its start + 119 s): an event for it after that is late and never counted,
/// so its count is final (see docs/history.md#closed-minutes).
/// </summary>
public static class ClosedMinutes
{
    private const long FinalAfter = 60 + RollingWindow.Seconds - 1;

    /// <summary>The last minute closed when the window's head is at <paramref name="head"/>.</summary>
    public static long LastClosed(long head) => FloorDiv(head - FinalAfter, 60);

    /// <summary>
    /// Counts of the minutes a batch is about to push out of the business's 60-minute ring before they are written:
    /// only a business silent for an hour and then active again has any. Null when none will be.
    /// </summary>
    /// <param name="oldHead">The head after the business's previous batch; <see cref="long.MinValue"/> for none.</param>
    /// <param name="seconds">This batch's seconds for the business, ascending; <paramref name="counts"/> alongside.</param>
    public static Dictionary<long, int>? Evicted(BusinessTraffic? traffic, long oldHead, ReadOnlySpan<long> seconds, ReadOnlySpan<int> counts)
    {
        if (seconds.Length == 0) return null;
        var newHead = oldHead == long.MinValue ? seconds[^1] : Math.Max(oldHead, seconds[^1]);
        var evictedThrough = FloorDiv(newHead, 60) - MinuteHistory.Minutes;
        var from = FirstPending(oldHead, seconds);
        if (from > evictedThrough) return null;
        var result = new Dictionary<long, int>();
        if (traffic is not null && oldHead != long.MinValue)
            for (var m = from; m <= Math.Min(FloorDiv(oldHead, 60), evictedThrough); m++)
                if (traffic.Minutes.CountAt(m) is var c and > 0) result[m] = c;
        // Runs are applied in ascending order, so an event is late only against the head before the batch.
        for (var i = 0; i < seconds.Length; i++)
        {
            var m = FloorDiv(seconds[i], 60);
            if (m < from || m > evictedThrough) continue;
            if (oldHead != long.MinValue && seconds[i] <= oldHead - RollingWindow.Seconds) continue;
            result[m] = result.GetValueOrDefault(m) + counts[i];
        }
        return result;
    }

    /// <summary>
    /// The minutes closed by a batch just applied, with their final counts (minutes without events are left out: they
    /// have no row). <paramref name="evicted"/> is what <see cref="Evicted"/> said before the batch.
    /// </summary>
    public static void Closed(string businessId, BusinessTraffic traffic, long oldHead, ReadOnlySpan<long> seconds,
        Dictionary<long, int>? evicted, List<MinuteRollup> into)
    {
        if (traffic.Window.IsEmpty || seconds.Length == 0) return;
        var from = FirstPending(oldHead, seconds);
        var to = LastClosed(traffic.Window.HeadSecond);
        if (evicted is not null)
            foreach (var (minute, count) in evicted.OrderBy(e => e.Key))
                if (minute >= from && minute <= to && count > 0) into.Add(Rollup(businessId, traffic, minute, count));
        Ring(businessId, traffic, from, to, into);
    }

    /// <summary>Minutes still in the ring from <paramref name="from"/> through <paramref name="to"/>, as they stand
    /// (open ones too, for a provisional row that the final one replaces).</summary>
    public static void Ring(string businessId, BusinessTraffic traffic, long from, long to, List<MinuteRollup> into)
    {
        if (traffic.Window.IsEmpty) return;
        var headMinute = FloorDiv(traffic.Window.HeadSecond, 60);
        for (var m = Math.Max(from, headMinute - MinuteHistory.Minutes + 1); m <= to; m++)
            if (traffic.Minutes.CountAt(m) is var count and > 0) into.Add(Rollup(businessId, traffic, m, count));
    }

    private static long FirstPending(long oldHead, ReadOnlySpan<long> seconds) =>
        oldHead == long.MinValue ? FloorDiv(seconds[0], 60) : LastClosed(oldHead) + 1;

    private static MinuteRollup Rollup(string businessId, BusinessTraffic traffic, long minute, int count) =>
        new(businessId, minute, count, traffic.ExpectedAt(minute * 60 + 59), traffic.Detector.Score,
            traffic.Detector.IsSurging, traffic.Detector.IsDrop);

    public static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
