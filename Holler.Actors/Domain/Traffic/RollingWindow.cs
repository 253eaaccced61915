namespace Holler.Domain.Traffic;

/// <summary>
/// The last <see cref="Seconds"/> one-second buckets of a business's traffic, by event time.
/// A ring buffer indexed by epoch second, so adding and sliding are O(1) amortised and allocation-free.
/// </summary>
/// <remarks>A struct, stored inline in its business's state (one object per business, not three); hold it by
/// reference, never by a copy.</remarks>
public struct RollingWindow
{
    public const int Seconds = 60;
    private SixtyCounts _buckets;

    public RollingWindow() { }

    /// <summary>Epoch second of the newest bucket; <see cref="long.MinValue"/> before the first event.</summary>
    public long HeadSecond { get; private set; } = long.MinValue;

    /// <summary>Events in the window ending at <see cref="HeadSecond"/>.</summary>
    public long Sum { get; private set; }

    public readonly bool IsEmpty => HeadSecond == long.MinValue;

    /// <summary>Oldest second still inside the window.</summary>
    public readonly long TailSecond => HeadSecond - Seconds + 1;

    public readonly bool Covers(long second) => !IsEmpty && second > HeadSecond - Seconds && second <= HeadSecond;

    /// <summary>Adds events; a second newer than the head slides the window forward first.
    /// Returns false (nothing applied) when the second has already left the window.</summary>
    public bool Add(long second, int count)
    {
        if (IsEmpty) HeadSecond = second;
        else if (second > HeadSecond) AdvanceTo(second);
        else if (second <= HeadSecond - Seconds) return false;
        _buckets[Slot(second)] += count;
        Sum += count;
        return true;
    }

    /// <summary>Slides the head to <paramref name="second"/>, dropping buckets that fall out.</summary>
    public void AdvanceTo(long second)
    {
        if (IsEmpty || second <= HeadSecond) return;
        if (second - HeadSecond >= Seconds)
        {
            ((Span<int>)_buckets).Clear();
            Sum = 0;
        }
        else
        {
            for (var s = HeadSecond + 1; s <= second; s++)
            {
                ref var bucket = ref _buckets[Slot(s)];
                Sum -= bucket;
                bucket = 0;
            }
        }
        HeadSecond = second;
    }

    /// <summary>Count for one second inside the window, 0 outside it.</summary>
    public readonly int CountAt(long second) => Covers(second) ? _buckets[Slot(second)] : 0;

    /// <summary>Sum of the seconds in (<paramref name="endSecond"/> - 60, <paramref name="endSecond"/>] that the window still holds.</summary>
    public readonly long SumEndingAt(long endSecond)
    {
        long sum = 0;
        for (var s = Math.Max(TailSecond, endSecond - Seconds + 1); s <= Math.Min(endSecond, HeadSecond); s++)
            sum += _buckets[Slot(s)];
        return sum;
    }

    /// <summary>Events in the last <paramref name="seconds"/> seconds up to the head (at most the window's 60).</summary>
    public readonly long SumOfLast(int seconds) => IsEmpty ? 0 : SumEndingAt(HeadSecond) - SumEndingAt(HeadSecond - Math.Clamp(seconds, 0, Seconds));

    /// <summary>Per-second counts, oldest first, ending at the head (60 values).</summary>
    public readonly int[] ToArray()
    {
        var result = new int[Seconds];
        if (IsEmpty) return result;
        for (var i = 0; i < Seconds; i++) result[i] = _buckets[Slot(TailSecond + i)];
        return result;
    }

    /// <summary>The per-second counts of <see cref="ToArray"/> into <paramref name="oldestFirst"/> (60 long), without
    /// allocating: a checkpoint writes every business's window.</summary>
    public readonly void CopyTo(Span<int> oldestFirst)
    {
        oldestFirst = oldestFirst[..Seconds];
        if (IsEmpty)
        {
            oldestFirst.Clear();
            return;
        }
        var slot = Slot(TailSecond);
        for (var i = 0; i < Seconds; i++)
        {
            oldestFirst[i] = _buckets[slot];
            if (++slot == Seconds) slot = 0;
        }
    }

    /// <summary>Rebuilds from a snapshot: per-second counts oldest first, ending at <paramref name="headSecond"/>.</summary>
    public void Restore(long headSecond, ReadOnlySpan<int> countsOldestFirst)
    {
        ((Span<int>)_buckets).Clear();
        Sum = 0;
        HeadSecond = headSecond;
        if (headSecond == long.MinValue) return;
        var start = headSecond - countsOldestFirst.Length + 1;
        for (var i = 0; i < countsOldestFirst.Length; i++)
        {
            var s = start + i;
            if (s <= headSecond - Seconds) continue;
            _buckets[Slot(s)] = countsOldestFirst[i];
            Sum += countsOldestFirst[i];
        }
    }

    private static int Slot(long second) => (int)(((second % Seconds) + Seconds) % Seconds);
}
