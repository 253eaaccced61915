using Holler.Domain.Surges;
using Holler.Domain.History;
using Holler.Domain.Traffic;

namespace Holler.Tests.History;

/// <summary>Which minutes a batch closes and their counts, without Akka.</summary>
public sealed class ClosedMinutesTests
{
    private static BusinessTraffic Traffic() => new(new BaselineSettings(), new DetectorSettings());

    /// <summary>Applies one batch of (second, count) runs, ascending, as the tracker does, and returns the closed minutes.</summary>
    private static List<MinuteRollup> Apply(BusinessTraffic traffic, ref long oldHead, params (long Second, int Count)[] runs)
    {
        var seconds = runs.Select(r => r.Second).ToArray();
        var counts = runs.Select(r => r.Count).ToArray();
        var evicted = ClosedMinutes.Evicted(traffic, oldHead, seconds, counts);
        foreach (var (second, count) in runs) traffic.Record(second, count);
        var rows = new List<MinuteRollup>();
        ClosedMinutes.Closed("b", traffic, oldHead, seconds, evicted, rows);
        oldHead = traffic.Window.HeadSecond;
        return rows;
    }

    [Fact]
    public void A_minute_is_written_once_all_its_seconds_have_left_the_window_with_its_full_count()
    {
        var traffic = Traffic();
        var head = long.MinValue;
        const long t0 = 1_000_000 * 60; // a minute's start
        Assert.Empty(Apply(traffic, ref head, (t0, 2), (t0 + 30, 3)));
        // Still open at start + 118: an event for it may still arrive.
        Assert.Empty(Apply(traffic, ref head, (t0 + 100, 1), (t0 + 118, 1)));
        var closed = Apply(traffic, ref head, (t0 + 119, 1));
        var row = Assert.Single(closed);
        Assert.Equal((t0 / 60, 5), (row.Minute, row.Count));
        // The next batch closes the next minute (events at +100, +118, +119) and nothing twice.
        Assert.Equal([(t0 / 60 + 1, 3)], Apply(traffic, ref head, (t0 + 179, 1)).Select(r => (r.Minute, r.Count)));
    }

    [Fact]
    public void A_business_silent_for_hours_still_gets_the_minutes_before_its_silence()
    {
        var traffic = Traffic();
        var head = long.MinValue;
        const long t0 = 1_000_000 * 60;
        Apply(traffic, ref head, (t0 + 10, 4));
        Apply(traffic, ref head, (t0 + 70, 6));
        // Three hours later: the ring of 60 minutes has moved past both minutes in this very batch.
        var rows = Apply(traffic, ref head, (t0 + 3 * 3600, 1), (t0 + 3 * 3600 + 200, 2));
        Assert.Equal([(t0 / 60, 4), (t0 / 60 + 1, 6), (t0 / 60 + 180, 1)], rows.Select(r => (r.Minute, r.Count)));
    }

    [Fact]
    public void Late_events_are_not_counted_as_the_window_did_not_count_them()
    {
        var traffic = Traffic();
        var head = long.MinValue;
        const long t0 = 1_000_000 * 60;
        Apply(traffic, ref head, (t0 + 5, 1), (t0 + 90, 1));
        // t0 + 20 is 70 s behind the head: late, not in the window, not in the minute.
        var rows = Apply(traffic, ref head, (t0 + 20, 5), (t0 + 130, 1));
        Assert.Equal([(t0 / 60, 1)], rows.Select(r => (r.Minute, r.Count)));
        Assert.Equal(5, traffic.Late);
    }
}
