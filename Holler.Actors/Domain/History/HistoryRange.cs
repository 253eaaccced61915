namespace Holler.Domain.History;

/// <summary>Per-minute or per-hour points.</summary>
public enum HistoryResolution { Minute, Hour }

/// <summary>Which resolution a trend over a range is read at, and what a past leaderboard period spans.</summary>
public static class HistoryRange
{
    /// <summary>Ranges up to this long are read per minute (at most 2,880 points); longer ones per hour.</summary>
    public static readonly TimeSpan MinuteRangeLimit = TimeSpan.FromDays(2);

    /// <summary>Per minute for short ranges the minute rows still cover; per hour otherwise.</summary>
    public static HistoryResolution For(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, TimeSpan minuteRetention) =>
        to - from <= MinuteRangeLimit && from >= now - minuteRetention ? HistoryResolution.Minute : HistoryResolution.Hour;

    /// <summary>The period of a past leaderboard: the one of <paramref name="length"/> that ends at
    /// <paramref name="end"/> (now, by default).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Period(HistoryPeriod length, DateTimeOffset end) =>
        (end - LengthOf(length), end);

    public static TimeSpan LengthOf(HistoryPeriod period) => period switch
    {
        HistoryPeriod.Hour => TimeSpan.FromHours(1),
        HistoryPeriod.Day => TimeSpan.FromDays(1),
        HistoryPeriod.Week => TimeSpan.FromDays(7),
        _ => TimeSpan.FromDays(30),
    };

    public static bool TryParsePeriod(string? text, out HistoryPeriod period) =>
        Enum.TryParse(text, ignoreCase: true, out period) && Enum.IsDefined(period) && !int.TryParse(text, out _);

    public static long UnixMinute(DateTimeOffset at) => Math.DivRem(at.ToUnixTimeSeconds(), 60, out var r) - (r < 0 ? 1 : 0);
}

public enum HistoryPeriod { Hour, Day, Week, Month }
