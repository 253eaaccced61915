namespace Holler.Domain.Detection;

/// <summary>A <see cref="ModelSettings"/>' half-lives as weights per sample, for samples <paramref name="Interval"/> apart.</summary>
public readonly record struct LearningRates(
    TimeSpan Interval, double Level, double Fast, double Spread, double Hour, double HourStart, double Day, double DayStart, double Slow, int AdoptAfterSamples)
{
    /// <summary>Half-life of the fast level, in samples: a few samples, so an adopted level is the shift's, not the old one.</summary>
    private const double FastHalfLifeSamples = 4;

    /// <summary>Half-life of the slow level: a week, so neither the daily nor the weekly shape leaks into it (with a
    /// shorter one a quiet weekend pulled it down and the weekend learned only half its quiet). A lasting change of
    /// level is not its job: the fast level adopts it within <see cref="ModelSettings.AdoptAfter"/>, and the
    /// profile's tables are kept centred, so a reference that lags for a while shifts no shape.</summary>
    private const double SlowHalfLifeDays = 7;

    public static LearningRates For(TimeSpan interval, ModelSettings settings)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "interval must be positive");
        var hourVisitsPerDay = Math.Max(1, TimeSpan.FromHours(1) / interval);
        var dayVisitsPerDay = Math.Max(1, TimeSpan.FromDays(1) / interval);
        return new LearningRates(
            interval,
            Level: PerSample(settings.Level / interval),
            Fast: PerSample(FastHalfLifeSamples),
            Spread: PerSample(settings.Spread / interval),
            Hour: PerSample(settings.ProfileHalfLifeDays * hourVisitsPerDay),
            HourStart: hourVisitsPerDay,
            // An hour of the week recurs once a week: a half-life of N days is N/7 of its occurrences, at least one.
            Day: PerSample(Math.Max(1, settings.ProfileHalfLifeDays / 7) * hourVisitsPerDay),
            DayStart: hourVisitsPerDay,
            Slow: PerSample(SlowHalfLifeDays * dayVisitsPerDay),
            AdoptAfterSamples: (int)Math.Clamp(Math.Ceiling(settings.AdoptAfter / interval), 2, int.MaxValue));
    }

    private static double PerSample(double halfLifeSamples) => 1 - Math.Pow(0.5, 1 / Math.Max(halfLifeSamples, 1e-9));
}
