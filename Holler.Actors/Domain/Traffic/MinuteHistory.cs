namespace Holler.Domain.Traffic;

/// <summary>Per-minute counts for the last <see cref="Minutes"/> minutes (event time), for the drill-down and the baseline.</summary>
/// <remarks>A ring behind the newest minute recorded, rather than a minute stamp per slot: one of these lives in every
/// business, and the stamps were half its memory. A struct, stored inline in its business's state; hold it by
/// reference, never by a copy.</remarks>
public struct MinuteHistory
{
    public const int Minutes = 60;
    private SixtyCounts _counts;

    /// <summary>The newest minute recorded; slots hold the <see cref="Minutes"/> minutes ending here.</summary>
    private long _head = long.MinValue;

    public MinuteHistory() { }

    public void Add(long minute, int count)
    {
        if (minute > _head) MoveHeadTo(minute);
        else if (minute <= _head - Minutes) return; // older than what the ring keeps
        _counts[Slot(minute)] += count;
    }

    /// <summary>Count for a minute, 0 when nothing was recorded for it or it is older than the ring keeps.</summary>
    public readonly int CountAt(long minute) =>
        _head == long.MinValue || minute > _head || minute <= _head - Minutes ? 0 : _counts[Slot(minute)];

    /// <summary>The 60 minutes ending at <paramref name="lastMinute"/>, oldest first.</summary>
    public readonly int[] ToArray(long lastMinute)
    {
        var result = new int[Minutes];
        for (var i = 0; i < Minutes; i++) result[i] = CountAt(lastMinute - Minutes + 1 + i);
        return result;
    }

    /// <summary>The counts of <see cref="ToArray"/> into <paramref name="oldestFirst"/> (60 long), without allocating:
    /// a checkpoint writes every business's minutes.</summary>
    public readonly void CopyTo(long lastMinute, Span<int> oldestFirst)
    {
        for (var i = 0; i < Minutes; i++) oldestFirst[i] = CountAt(lastMinute - Minutes + 1 + i);
    }

    public void Restore(long lastMinute, ReadOnlySpan<int> countsOldestFirst)
    {
        ((Span<int>)_counts).Clear();
        _head = long.MinValue;
        if (countsOldestFirst.Length == 0) return;
        _head = lastMinute;
        var start = lastMinute - countsOldestFirst.Length + 1;
        for (var i = 0; i < countsOldestFirst.Length; i++)
            if (countsOldestFirst[i] != 0) Add(start + i, countsOldestFirst[i]);
    }

    /// <summary>Clears the slots of the minutes between the old head and the new one, which nothing has counted yet.</summary>
    private void MoveHeadTo(long minute)
    {
        if (_head == long.MinValue || minute - _head >= Minutes) ((Span<int>)_counts).Clear();
        else
            for (var m = _head + 1; m <= minute; m++) _counts[Slot(m)] = 0;
        _head = minute;
    }

    private static int Slot(long minute) => (int)(((minute % Minutes) + Minutes) % Minutes);
}
