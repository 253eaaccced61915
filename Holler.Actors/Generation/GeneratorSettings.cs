using Holler.Domain.Catalog;

namespace Holler.Generation;

/// <summary>What traffic to make, in event time. Pure description: nothing here knows about Kafka or wall clocks.</summary>
public sealed record GeneratorSettings
{
    /// <summary>The catalog to draw from; when null a synthetic one of <see cref="BusinessCount"/> businesses is made from <see cref="Seed"/>.</summary>
    public BusinessCatalog? Businesses { get; init; }

    public int BusinessCount { get; init; } = 200_000;

    /// <summary>Baseline arrivals per second of event time, before the daily rhythm and the surges.</summary>
    public double EventsPerSecond { get; init; } = 4_000;

    public int Seed { get; init; } = 42;

    /// <summary>Event time of the first event (Unix ms). Null means "now" — convenient, but then two plans differ.</summary>
    public long? StartMs { get; init; }

    /// <summary>Event-time length of the plan; with <see cref="Count"/> the plan ends at whichever comes first, with neither it never ends.</summary>
    public long? DurationMs { get; init; }

    public long? Count { get; init; }

    /// <summary>Interval between surge starts; zero turns surges off.</summary>
    public TimeSpan SurgeEvery { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Long enough after the start for a detector's first 60-second window to fill.</summary>
    public TimeSpan FirstSurgeAfter { get; init; } = TimeSpan.FromSeconds(70);

    public TimeSpan SurgeDuration { get; init; } = TimeSpan.FromSeconds(90);

    public double MinMagnitude { get; init; } = 8;

    public double MaxMagnitude { get; init; } = 20;

    /// <summary>Floor on a surge's extra rate, so a business that normally gets one event a minute still surges visibly.</summary>
    public double MinExtraPerSecond { get; init; } = 3;

    public double ZipfExponent { get; init; } = 1.0;

    /// <summary>Scale the rate by time of day (US Central): ~1.4× mid-afternoon, ~0.5× at night.</summary>
    public bool DailyRhythm { get; init; } = true;

    /// <summary>With <see cref="DailyRhythm"/>: weekends and US holidays at 0.75× of a weekday.</summary>
    public bool WeeklyRhythm { get; init; } = true;

    /// <summary>Whether each surge's extra events come from one platform and/or one page (chosen per surge).</summary>
    public SurgeFocus SurgeFocus { get; init; } = SurgeFocus.None;

    /// <summary>Share of responses that are 5xx in usual traffic.</summary>
    public double ErrorShare { get; init; } = 0.02;

    /// <summary>Interval between error-burst starts; zero (the default) turns them off.</summary>
    public TimeSpan ErrorBurstEvery { get; init; } = TimeSpan.Zero;

    /// <summary>Long enough for a business's error share to have a baseline.</summary>
    public TimeSpan FirstErrorBurstAfter { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan ErrorBurstDuration { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The 5xx share of a business in an error burst.</summary>
    public double ErrorBurstShare { get; init; } = 0.40;

    /// <exception cref="ArgumentException">Names the first setting that is out of range.</exception>
    public void Validate()
    {
        if (Businesses is null && BusinessCount < 1) Fail(nameof(BusinessCount), "must be at least 1");
        if (Businesses is { Count: 0 }) Fail(nameof(Businesses), "the catalog is empty");
        if (!(EventsPerSecond > 0) || !double.IsFinite(EventsPerSecond)) Fail(nameof(EventsPerSecond), "must be a positive number");
        if (DurationMs is <= 0) Fail(nameof(DurationMs), "must be positive");
        if (Count is <= 0) Fail(nameof(Count), "must be positive");
        if (SurgeEvery < TimeSpan.Zero) Fail(nameof(SurgeEvery), "must not be negative (zero turns surges off)");
        if (FirstSurgeAfter < TimeSpan.Zero) Fail(nameof(FirstSurgeAfter), "must not be negative");
        if (SurgeEvery > TimeSpan.Zero && SurgeDuration <= TimeSpan.Zero) Fail(nameof(SurgeDuration), "must be positive");
        if (!(MinMagnitude > 0) || !(MaxMagnitude >= MinMagnitude) || !double.IsFinite(MaxMagnitude))
            Fail(nameof(MinMagnitude), "magnitudes need 0 < MinMagnitude <= MaxMagnitude");
        if (!(MinExtraPerSecond >= 0) || !double.IsFinite(MinExtraPerSecond)) Fail(nameof(MinExtraPerSecond), "must not be negative");
        if (!(ZipfExponent >= 0) || !double.IsFinite(ZipfExponent)) Fail(nameof(ZipfExponent), "must not be negative");
        if (!Enum.IsDefined(SurgeFocus)) Fail(nameof(SurgeFocus), "must be none, platform, path or platform-and-path");
        if (!(ErrorShare is >= 0 and <= 1)) Fail(nameof(ErrorShare), "must be between 0 and 1");
        if (ErrorBurstEvery < TimeSpan.Zero) Fail(nameof(ErrorBurstEvery), "must not be negative (zero turns error bursts off)");
        if (FirstErrorBurstAfter < TimeSpan.Zero) Fail(nameof(FirstErrorBurstAfter), "must not be negative");
        if (ErrorBurstEvery > TimeSpan.Zero && ErrorBurstDuration <= TimeSpan.Zero) Fail(nameof(ErrorBurstDuration), "must be positive");
        if (!(ErrorBurstShare is >= 0 and <= 1)) Fail(nameof(ErrorBurstShare), "must be between 0 and 1");
    }

    private static void Fail(string setting, string problem) => throw new ArgumentException($"{setting} {problem}", setting);
}
