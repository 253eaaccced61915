using System.Globalization;
using Holler.Tracking;

namespace Holler.Web.Components.Drilldown;

/// <summary>
/// A tracker's <see cref="BusinessSeries"/> laid out for the drill-down charts: timestamps (UTC, as Plotly reads dates)
/// for every second of the window and every minute of the hour, the counts, and the baseline in both units.
/// </summary>
public sealed class SeriesView
{
    private SeriesView(BusinessSeries series)
    {
        Series = series;
        var head = series.HeadSecond;
        Seconds = series.WindowCounts.Select((_, i) => Stamp(head - series.WindowCounts.Length + 1 + i)).ToArray();
        var headMinute = head / 60;
        Minutes = series.MinuteCounts.Select((_, i) => Stamp((headMinute - series.MinuteCounts.Length + 1 + i) * 60)).ToArray();
    }

    public static SeriesView? Of(BusinessSeries? series) => series is null || series.HeadSecond <= 0 ? null : new SeriesView(series);

    public BusinessSeries Series { get; }

    public IReadOnlyList<string> Seconds { get; }

    public IReadOnlyList<string> Minutes { get; }

    /// <summary>What the business normally gets per second.</summary>
    public double BaselinePerSecond => Series.Baseline / 60;

    /// <summary>Whether the expectation per minute is known (false while the business warms up).</summary>
    public bool HasExpectation => Series.ExpectedMinutes.Length == Series.MinuteCounts.Length && Series.ExpectedMinutes.Length > 0;

    private static string Stamp(long unixSecond) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSecond).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
