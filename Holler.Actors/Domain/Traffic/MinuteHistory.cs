namespace Holler.Domain.Traffic;

/// <summary>Per-minute counts for the last <see cref="Minutes"/> minutes (event time), for the drill-down and the baseline.</summary>
public sealed class MinuteHistory
{
    public const int Minutes = 60;
    private readonly int[] _counts = new int[Minutes];
    private readonly long[] _minuteOf = new long[Minutes];

    public MinuteHistory() => Array.Fill(_minuteOf, long.MinValue);

    public void Add(long minute, int count)
    {
        var slot = Slot(minute);
        if (_minuteOf[slot] != minute)
        {
            if (_minuteOf[slot] > minute) return; // older than what the ring keeps
            _minuteOf[slot] = minute;
            _counts[slot] = 0;
        }
        _counts[slot] += count;
    }

    /// <summary>Count for a minute, 0 when nothing was recorded for it or it is older than the ring keeps.</summary>
    public int CountAt(long minute)
    {
        var slot = Slot(minute);
        return _minuteOf[slot] == minute ? _counts[slot] : 0;
    }

    /// <summary>The 60 minutes ending at <paramref name="lastMinute"/>, oldest first.</summary>
    public int[] ToArray(long lastMinute)
    {
        var result = new int[Minutes];
        for (var i = 0; i < Minutes; i++) result[i] = CountAt(lastMinute - Minutes + 1 + i);
        return result;
    }

    public void Restore(long lastMinute, ReadOnlySpan<int> countsOldestFirst)
    {
        Array.Fill(_minuteOf, long.MinValue);
        Array.Clear(_counts);
        var start = lastMinute - countsOldestFirst.Length + 1;
        for (var i = 0; i < countsOldestFirst.Length; i++)
            if (countsOldestFirst[i] != 0) Add(start + i, countsOldestFirst[i]);
    }

    private static int Slot(long minute) => (int)(((minute % Minutes) + Minutes) % Minutes);
}
