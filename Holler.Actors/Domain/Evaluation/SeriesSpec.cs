namespace Holler.Domain.Evaluation;

/// <summary>How to generate one corpus series: its clock, its values and what is wrong with its file.</summary>
/// <param name="LocalStart">The first row's local time in <paramref name="Zone"/>.</param>
internal sealed record SeriesSpec(string Name, string Category, int Seed, TimeZoneInfo Zone, DateTime LocalStart, TimeSpan Interval, int Rows, SeriesKind Kind)
{
    /// <summary>Timestamps are the local clock without an offset: the fall-back hour repeats, the spring-forward hour is missing.</summary>
    public bool LocalTimestamps { get; init; }

    /// <summary>Chance that a row is written twice, as a retried export does.</summary>
    public double DuplicateProbability { get; init; }

    /// <summary>From this instant on the written clock is behind by the given time: a clock corrected backwards.</summary>
    public (DateTimeOffset At, TimeSpan By)? ClockJump { get; init; }

    public DateTimeOffset StartUtc => new(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(LocalStart, DateTimeKind.Unspecified), Zone), TimeSpan.Zero);

    public DateTimeOffset EndUtc => StartUtc + Rows * Interval;

    /// <summary>The timestamp written for an instant, as <c>holler detect</c> will read it back.</summary>
    public DateTimeOffset Stamp(DateTimeOffset instant, LocalClock clock)
    {
        if (ClockJump is { } jump && instant >= jump.At) instant -= jump.By;
        return LocalTimestamps ? new DateTimeOffset(clock.Local(instant), TimeSpan.Zero) : instant;
    }
}
