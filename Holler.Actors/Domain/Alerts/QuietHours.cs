using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Holler.Domain.Alerts;

/// <summary>Hours of the day, in each business's own time zone, when a rule's firing notifications wait. A span whose
/// end is before its start runs over midnight (22:00–07:00).</summary>
public sealed record QuietHours(LocalTime Start, LocalTime End)
{
    private static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public bool Contains(long atMs, DateTimeZone zone)
    {
        var local = Instant.FromUnixTimeMilliseconds(atMs).InZone(zone).TimeOfDay;
        return Start <= End ? local >= Start && local < End : local >= Start || local < End;
    }

    /// <summary>Reads <c>HH:mm-HH:mm</c>.</summary>
    public static bool TryParse(string? text, out QuietHours? hours, out string problem)
    {
        hours = null;
        problem = "";
        var parts = (text ?? "").Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && Pattern.Parse(parts[0]) is { Success: true } start && Pattern.Parse(parts[1]) is { Success: true } end
            && start.Value != end.Value)
        {
            hours = new QuietHours(start.Value, end.Value);
            return true;
        }
        problem = $"'{text}' is not quiet hours: HH:mm-HH:mm in the business's local time, e.g. 22:00-07:00";
        return false;
    }

    public override string ToString() => $"{Pattern.Format(Start)}-{Pattern.Format(End)}";

    public static string Format(LocalTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
