namespace Holler.Domain.Evaluation;

/// <summary>
/// How busy a site is by local time of day and day of week, as a factor averaging 1 over a weekday. The day is a floor
/// plus Gaussian bumps (peaks); the week is a factor per weekday, blended over the first hours after midnight so the
/// change between days is a slope, not a step at the quietest hour. A holiday takes Sunday's factor.
/// </summary>
public sealed class SeasonalProfile
{
    private const double BlendHours = 4;

    private readonly double _floor;
    private readonly (double Hour, double Width, double Height)[] _peaks;
    private readonly double[] _weekday;
    private readonly double _scale;

    /// <param name="weekday">Factors indexed by <see cref="DayOfWeek"/> (Sunday first).</param>
    public SeasonalProfile(string name, double floor, (double Hour, double Width, double Height)[] peaks, double[] weekday)
    {
        if (weekday.Length != 7) throw new ArgumentException("one factor per day of the week", nameof(weekday));
        Name = name;
        _floor = floor;
        _peaks = peaks;
        _weekday = weekday;
        var total = 0.0;
        for (var minute = 0; minute < 1440; minute++) total += Day(minute / 60.0);
        _scale = 1440 / total;
    }

    public string Name { get; }

    /// <summary>Lunch and dinner peaks; busier at the weekend.</summary>
    public static SeasonalProfile Restaurant { get; } = new("restaurant", 0.08, [(12.5, 1.2, 1.0), (19.5, 1.5, 1.4)], [1.25, 0.85, 0.9, 0.95, 1.0, 1.25, 1.4]);

    /// <summary>Working hours with a lunch dip; quiet at the weekend.</summary>
    public static SeasonalProfile Office { get; } = new("office", 0.12, [(10, 1.8, 1.0), (15, 2.0, 1.0), (12.5, 0.6, -0.25)], [0.3, 1.05, 1.05, 1.0, 1.0, 0.9, 0.35]);

    /// <summary>Evening shopping or streaming; a little busier at the weekend.</summary>
    public static SeasonalProfile Evening { get; } = new("evening", 0.15, [(21, 2.2, 1.2), (13, 3.0, 0.4)], [1.15, 0.95, 0.95, 0.95, 1.0, 1.05, 1.15]);

    /// <summary>A broad afternoon swell like the live generator's day rhythm; the week barely matters.</summary>
    public static SeasonalProfile Broad { get; } = new("broad", 0.45, [(15, 5.0, 1.0)], [0.92, 1.0, 1.0, 1.0, 1.0, 1.0, 0.95]);

    public static IReadOnlyList<SeasonalProfile> All { get; } = [Restaurant, Office, Evening, Broad];

    /// <summary>The factor at a local time; <paramref name="holidays"/> are dates that look like a Sunday.</summary>
    public double Factor(DateTime local, IReadOnlySet<DateOnly>? holidays = null)
    {
        var hour = local.TimeOfDay.TotalHours;
        var today = WeekFactor(DateOnly.FromDateTime(local), holidays);
        var week = today;
        if (hour < BlendHours)
        {
            var yesterday = WeekFactor(DateOnly.FromDateTime(local).AddDays(-1), holidays);
            week = yesterday + (today - yesterday) * (hour / BlendHours);
        }
        return Day(hour) * _scale * week;
    }

    private double WeekFactor(DateOnly date, IReadOnlySet<DateOnly>? holidays) =>
        holidays is not null && holidays.Contains(date) ? _weekday[(int)DayOfWeek.Sunday] : _weekday[(int)date.DayOfWeek];

    private double Day(double hour)
    {
        var value = _floor;
        foreach (var (peak, width, height) in _peaks)
        {
            var distance = Math.Abs(hour - peak);
            distance = Math.Min(distance, 24 - distance);
            value += height * Math.Exp(-0.5 * distance * distance / (width * width));
        }
        return Math.Max(value, 0.01);
    }
}
