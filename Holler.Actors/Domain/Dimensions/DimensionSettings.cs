namespace Holler.Domain.Dimensions;

/// <summary>Which businesses keep a breakdown of their traffic, and when a 5xx share counts as an error surge.</summary>
/// <param name="Enabled">Off keeps no dimension state at all: the pair measured in docs/performance.md.</param>
/// <param name="MinEventsPerMinute">A business gets its breakdown once its 60-second window holds this many events, and
/// loses it when the window has held fewer than a quarter of that for <see cref="KeepMinutes"/>. A full breakdown is
/// about 3.3 KB; keeping one only for busy businesses is what holds the average to the per-business budget at 200,000
/// Zipf-popular businesses (docs/dimensions.md#who-keeps-a-breakdown).</param>
/// <param name="KeepMinutes">How long a breakdown outlives its business's traffic falling below a quarter of the
/// threshold: long enough that a business hovering around the threshold does not lose its learned shares every
/// minute.</param>
/// <param name="MinErrorShare">An error surge needs at least this 5xx share of the responses now (0–1).</param>
/// <param name="MinErrorEvents">… and at least this many responses with a status in the last 60 s, so three
/// failures out of five requests do not page anyone.</param>
public sealed record DimensionSettings(
    bool Enabled = true,
    int MinEventsPerMinute = 30,
    int KeepMinutes = 60,
    double MinErrorShare = 0.10,
    double MinErrorEvents = 20)
{
    public static DimensionSettings Default { get; } = new();

    public static DimensionSettings Disabled { get; } = new(Enabled: false);

    public IEnumerable<string> Validate(string prefix = "Dimensions")
    {
        if (MinEventsPerMinute < 1)
            yield return $"{prefix}:MinEventsPerMinute must be at least 1, was {MinEventsPerMinute}";
        if (KeepMinutes < 1)
            yield return $"{prefix}:KeepMinutes must be at least 1, was {KeepMinutes}";
        if (!(MinErrorShare is > 0 and <= 1))
            yield return $"{prefix}:MinErrorShare must be above 0 and at most 1, was {MinErrorShare}";
        if (!(MinErrorEvents >= 1) || double.IsInfinity(MinErrorEvents))
            yield return $"{prefix}:MinErrorEvents must be at least 1, was {MinErrorEvents}";
    }
}
