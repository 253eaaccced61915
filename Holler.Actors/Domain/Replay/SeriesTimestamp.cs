using System.Globalization;

namespace Holler.Domain.Replay;

/// <summary>The timestamp forms <c>holler detect</c> accepts: ISO-8601, <c>yyyy-MM-dd HH:mm:ss</c>, or Unix time.</summary>
public static class SeriesTimestamp
{
    // Unix seconds stay below 1e11 until the year 5138, while Unix milliseconds pass it in March 1973, so the
    // magnitude tells them apart for any realistic series.
    private const double MillisecondsAbove = 1e11;

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd",
    ];

    /// <summary>Parses one timestamp; a text without an offset is UTC.</summary>
    public static bool TryParse(string text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (text.Length == 0) return false;
        if (text[0] is >= '0' and <= '9' or '-' && !text.Contains(':') && text.IndexOf('-', 1) < 0)
            return TryParseUnix(text, out timestamp);
        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out timestamp);
    }

    private static bool TryParseUnix(string text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return false;
        var seconds = Math.Abs(number) > MillisecondsAbove ? number / 1000 : number;
        var ticks = Math.Round(seconds * TimeSpan.TicksPerSecond);
        var min = (DateTimeOffset.MinValue - DateTimeOffset.UnixEpoch).Ticks;
        var max = (DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks;
        if (!(ticks >= min && ticks <= max)) return false;
        timestamp = DateTimeOffset.UnixEpoch.AddTicks((long)ticks);
        return true;
    }
}
