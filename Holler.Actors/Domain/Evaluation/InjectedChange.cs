namespace Holler.Domain.Evaluation;

/// <summary>
/// A change written into a generated series. For counts <see cref="Apply"/> acts on the expected count before the noise
/// is drawn (averaged over the minutes of a row, so a 2-minute spike is 2/5 of a 5-minute row); for gauges it acts on
/// the sampled value.
/// </summary>
/// <param name="Start">The instant it starts (UTC), on the series' interval grid.</param>
/// <param name="Label">Null for changes that belong to the series' normal behaviour (bursts, outages of a sparse feed).</param>
/// <param name="Apply">(minutes since start, value, random) → changed value.</param>
internal sealed record InjectedChange(DateTimeOffset Start, TimeSpan Duration, AnomalyKind? Label, string Shape, Func<double, double, Random, double> Apply)
{
    /// <summary>A level shift: it lasts to the series' end, and only its step is labelled.</summary>
    public bool Lasting { get; init; }

    public DateTimeOffset End => Lasting ? DateTimeOffset.MaxValue : Start + Duration;

    public TimeSpan WindowLength => Lasting ? AnomalyWindow.MinimumLength : Duration > AnomalyWindow.MinimumLength ? Duration : AnomalyWindow.MinimumLength;

    public static InjectedChange Sudden(DateTimeOffset start, TimeSpan duration, double factor, AnomalyKind? label = AnomalyKind.Surge) =>
        new(start, duration, label, $"sudden {factor:0.##}x for {Minutes(duration)}", (_, value, _) => value * factor);

    public static InjectedChange Ramp(DateTimeOffset start, TimeSpan ramp, TimeSpan hold, double factor) =>
        new(start, ramp + hold, AnomalyKind.Surge, $"ramp to {factor:0.##}x over {Minutes(ramp)}, held {Minutes(hold)}",
            (minutes, value, _) => value * (1 + (factor - 1) * Math.Min(1, (minutes + 1) / ramp.TotalMinutes)));

    public static InjectedChange Drop(DateTimeOffset start, TimeSpan duration, double level) =>
        new(start, duration, AnomalyKind.Drop, level == 0 ? $"drop to 0 for {Minutes(duration)}" : $"drop to {level:P0} for {Minutes(duration)}",
            (_, value, _) => value * level);

    public static InjectedChange Shift(DateTimeOffset start, double factor) =>
        new(start, AnomalyWindow.MinimumLength, factor > 1 ? AnomalyKind.Surge : AnomalyKind.Drop, $"level shift x{factor:0.##}",
            (_, value, _) => value * factor) { Lasting = true };

    private static string Minutes(TimeSpan duration) => $"{duration.TotalMinutes:0}m";
}
