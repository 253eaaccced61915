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
        if (TryParseCommon(text, out timestamp)) return true;
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

    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm:ss</c> or <c>yyyy-MM-dd HH:mm:ss</c>, optionally with <c>Z</c>: how nearly every recorded
    /// series spells its time. Read digit by digit, because the general parser's several formats cost more than
    /// scoring the row (holler detect streams a million rows a second).
    /// </summary>
    private static bool TryParseCommon(string text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (text.Length is not (19 or 20) || text[4] != '-' || text[7] != '-' || text[10] is not ('T' or ' ')
            || text[13] != ':' || text[16] != ':' || (text.Length == 20 && text[19] != 'Z'))
            return false;
        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        timestamp = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool Digits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9) return false;
            value = value * 10 + digit;
        }
        return true;
    }
}
