using System.Collections.Concurrent;
using NodaTime;

namespace Holler.Domain.Detection;

/// <summary>
/// A time zone's wall clock that remembers the zone interval (a stretch of one UTC offset, usually months) it read
/// last, so turning an instant into local time is an addition instead of a search of the zone's rules. The rhythm
/// reads local time for every business's every learned minute and every evaluated one, and for every row
/// <c>holler detect</c> scores; successive readings nearly always fall in the same interval.
/// </summary>
/// <remarks>Shared: one per zone (<see cref="For"/>), read by trackers on many threads. The remembered interval is one
/// immutable object swapped whole, so a reader sees an old interval or a new one, never half of each; a race only
/// costs a second lookup.</remarks>
public sealed class ZoneClock
{
    private static readonly ConcurrentDictionary<DateTimeZone, ZoneClock> Clocks = new();

    private sealed record Stretch(long StartTicks, long EndTicks, long OffsetTicks);

    private Stretch _last = new(0, 0, 0);

    /// <summary>A clock of its own; <see cref="For"/> shares one per zone.</summary>
    public ZoneClock(DateTimeZone zone) => Zone = zone;

    public DateTimeZone Zone { get; }

    public static ZoneClock Utc { get; } = For(DateTimeZone.Utc);

    /// <summary>The clock of <paramref name="zone"/>, the same object for the same zone.</summary>
    public static ZoneClock For(DateTimeZone zone) => Clocks.GetOrAdd(zone, static z => new ZoneClock(z));

    /// <summary>The wall-clock time at <paramref name="epochSecond"/> (kind unspecified).</summary>
    public DateTime LocalAt(long epochSecond) => LocalAtTicks(epochSecond * TimeSpan.TicksPerSecond);

    /// <summary>The wall-clock time at <paramref name="instant"/> (kind unspecified).</summary>
    public DateTime LocalAt(DateTimeOffset instant) => LocalAtTicks(instant.UtcTicks - DateTime.UnixEpoch.Ticks);

    /// <param name="unixTicks">Ticks since the Unix epoch, UTC.</param>
    private DateTime LocalAtTicks(long unixTicks)
    {
        var stretch = _last;
        if (unixTicks < stretch.StartTicks || unixTicks >= stretch.EndTicks)
            _last = stretch = Read(unixTicks);
        return new DateTime(DateTime.UnixEpoch.Ticks + unixTicks + stretch.OffsetTicks, DateTimeKind.Unspecified);
    }

    private Stretch Read(long unixTicks)
    {
        var interval = Zone.GetZoneInterval(Instant.FromUnixTimeTicks(unixTicks));
        return new Stretch(
            interval.HasStart ? interval.Start.ToUnixTimeTicks() : long.MinValue,
            interval.HasEnd ? interval.End.ToUnixTimeTicks() : long.MaxValue,
            interval.WallOffset.Ticks);
    }
}
