namespace Holler.Domain.Replay;

/// <summary>How the v1 detector scores a series: the flat exponentially weighted baseline <c>holler detect</c> used before
/// the seasonal model, kept as the baseline <c>holler evaluate</c> compares against.</summary>
/// <param name="HalfLife">Half-life of the baseline, as on the online trackers; turned into rows by the series interval.</param>
/// <param name="Warmup">Time from the first row before rows are scored; turned into a number of rows (at least one).</param>
/// <param name="EnterScore">Standard deviations that made a surge; it scales the score and limits what an outlier
/// teaches the baseline.</param>
public sealed record SeriesDetectorOptions(TimeSpan HalfLife, TimeSpan Warmup, double EnterScore = 4)
{
    public SeriesDetectorOptions() : this(TimeSpan.FromMinutes(30), TimeSpan.FromHours(1)) { }

    public static SeriesDetectorOptions Default { get; } = new();

    /// <summary>Problems as "setting: message" lines, empty when valid.</summary>
    public IEnumerable<string> Validate(string prefix = "Detect")
    {
        if (HalfLife <= TimeSpan.Zero)
            yield return $"{prefix}:HalfLife must be greater than zero, was {HalfLife}";
        if (Warmup < TimeSpan.Zero)
            yield return $"{prefix}:Warmup must not be negative, was {Warmup}";
        if (!(EnterScore > 0) || EnterScore > 1000)
            yield return $"{prefix}:EnterScore must be between 0 and 1000, was {EnterScore}";
    }
}
