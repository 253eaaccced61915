using System.Globalization;

namespace Holler.Host.Commands;

/// <summary>Durations as people type them: 90, 90s, 5m, 1h, 1.5h, or 00:05:00.</summary>
public static class Durations
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        var c = CultureInfo.InvariantCulture;
        if (text.Contains(':')) return TimeSpan.TryParse(text, c, out value) && value >= TimeSpan.Zero;
        var unit = char.ToLowerInvariant(text[^1]);
        var scale = unit switch { 's' => 1.0, 'm' => 60.0, 'h' => 3600.0, 'd' => 86400.0, _ => 0 };
        var number = scale == 0 ? text : text[..^1];
        if (scale == 0) scale = 1;
        if (!double.TryParse(number, NumberStyles.Float, c, out var amount) || amount < 0 || double.IsInfinity(amount)) return false;
        value = TimeSpan.FromSeconds(amount * scale);
        return true;
    }
}
