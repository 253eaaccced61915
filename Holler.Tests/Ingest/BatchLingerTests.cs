using Holler.Ingest;

namespace Holler.Tests.Ingest;

/// <summary>Micro-batches wait longer while traffic is light, up to a bound, and never longer than the base window at
/// high rates.</summary>
public sealed class BatchLingerTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Max = TimeSpan.FromMilliseconds(500);
    private static readonly BatchLinger Linger = new(Delay, Max, TargetRecords: 10_000);

    [Fact]
    public void The_first_micro_batch_gets_the_base_window()
    {
        Assert.Equal(Delay, Linger.First);
    }

    [Fact]
    public void At_high_rates_the_window_stays_at_the_base()
    {
        // 20,000 records in 200 ms: 100,000/s, the target is reached in 100 ms.
        Assert.Equal(Delay, Linger.Next(20_000, TimeSpan.FromMilliseconds(200)));
        // A batch cut full early says nothing about idleness.
        Assert.Equal(Delay, Linger.Next(10_000, TimeSpan.FromMilliseconds(30)));
        // 60,000/s, not full: the target would take 167 ms, less than the base.
        Assert.Equal(Delay, Linger.Next(9_000, TimeSpan.FromMilliseconds(150)));
    }

    [Fact]
    public void At_a_steady_light_rate_the_window_grows_until_the_target_would_be_reached()
    {
        // 20,000/s: 4,000 records in 200 ms; the target takes 500 ms, the bound.
        Assert.Equal(TimeSpan.FromMilliseconds(500), Linger.Next(4_000, TimeSpan.FromMilliseconds(200)));
        // 25,000/s: 400 ms.
        var window = Linger.Next(5_000, TimeSpan.FromMilliseconds(200));
        Assert.InRange(window.TotalMilliseconds, 399.9, 400.1);
        // And at that window the rate is the same, so the window stays.
        Assert.InRange(Linger.Next(10_000 - 1, window).TotalMilliseconds, 399.8, 400.1);
    }

    [Fact]
    public void The_window_never_passes_the_bound_however_light_the_traffic()
    {
        Assert.Equal(Max, Linger.Next(1, TimeSpan.FromMilliseconds(200)));
        Assert.Equal(Max, Linger.Next(0, TimeSpan.FromMilliseconds(500)));
        Assert.Equal(Max, Linger.Next(4_000, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public void Records_faster_than_the_clock_can_tell_are_taken_as_a_high_rate()
    {
        Assert.Equal(Delay, Linger.Next(3, TimeSpan.Zero));
    }

    [Fact]
    public void A_fixed_linger_always_gives_the_base_window()
    {
        var fixedWindow = BatchLinger.Fixed(Delay);
        Assert.Equal(Delay, fixedWindow.Next(1, TimeSpan.FromMilliseconds(200)));
        Assert.Equal(Delay, fixedWindow.Next(100_000, TimeSpan.FromMilliseconds(1)));
        // A bound below the base is no linger either.
        Assert.Equal(Delay, new BatchLinger(Delay, TimeSpan.FromMilliseconds(50), 10_000).Next(1, Delay));
    }
}
