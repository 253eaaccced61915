namespace Holler.Domain.Replay;

/// <summary>The options turned into rows for a series sampled every <see cref="Interval"/>.</summary>
/// <param name="Interval">The series' sampling interval: the median gap between its first rows.</param>
/// <param name="HalfLifeRows">Baseline half-life in rows: a 5-minute series with a 30-minute half-life gets 6.</param>
/// <param name="WarmupRows">Rows learned before scoring starts, at least one (nothing can be scored against nothing).</param>
public sealed record SeriesCalibration(TimeSpan Interval, double HalfLifeRows, int WarmupRows)
{
    /// <summary>Gaps looked at to find the interval; the detector buffers one more row than this, then streams.</summary>
    public const int IntervalGaps = 10;

    public static SeriesCalibration For(TimeSpan interval, SeriesDetectorOptions options)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "interval must be positive");
        var warmupRows = (int)Math.Min(int.MaxValue, Math.Ceiling(options.Warmup / interval));
        return new SeriesCalibration(interval, options.HalfLife / interval, Math.Max(1, warmupRows));
    }

    /// <summary>The median gap between consecutive timestamps (which must be increasing); null with fewer than two.</summary>
    public static TimeSpan? DetectInterval(IReadOnlyList<DateTimeOffset> ascending)
    {
        if (ascending.Count < 2) return null;
        var gaps = new long[ascending.Count - 1];
        for (var i = 1; i < ascending.Count; i++) gaps[i - 1] = (ascending[i] - ascending[i - 1]).Ticks;
        Array.Sort(gaps);
        var middle = gaps.Length / 2;
        return TimeSpan.FromTicks(gaps.Length % 2 == 1 ? gaps[middle] : gaps[middle - 1] + (gaps[middle] - gaps[middle - 1]) / 2);
    }
}
