using System.Diagnostics;

namespace Holler.Tests.Support;

/// <summary>
/// A <see cref="TimeProvider"/> whose wall time moves only when a test says so. Actors read it from their own threads,
/// so reads and writes are atomic. Timers (Akka's scheduler) are not affected: they still fire in real time.
/// Its monotonic timestamp starts at zero, as on a machine that has just booted, and runs in real time (Akka's timers
/// do) plus whatever <see cref="Advance"/> added: code that takes timestamp 0 for "long ago" fails here on every
/// machine, not only on freshly started ones.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _createdAt = Stopwatch.GetTimestamp();
    private long _utcTicks = start.UtcTicks;
    private long _advancedTimestamp;

    public ManualClock() : this(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public override long TimestampFrequency => Stopwatch.Frequency;

    public override long GetTimestamp() => Stopwatch.GetTimestamp() - _createdAt + Interlocked.Read(ref _advancedTimestamp);

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), by, "time only moves forward");
        Interlocked.Add(ref _utcTicks, by.Ticks);
        Interlocked.Add(ref _advancedTimestamp, (long)(by.Ticks * ((double)Stopwatch.Frequency / TimeSpan.TicksPerSecond)));
    }
}
