namespace Holler.Tests.Support;

/// <summary>
/// A <see cref="TimeProvider"/> whose time moves only when a test says so. Actors read it from their own threads, so
/// reads and writes are atomic. Timers (Akka's scheduler) are not affected: they still fire in real time.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public ManualClock() : this(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), by, "time only moves forward");
        Interlocked.Add(ref _utcTicks, by.Ticks);
    }
}
