using Holler.Domain.Traffic;

namespace Holler.Tests.Domain;

public class MinuteHistoryTests
{
    [Fact]
    public void Counts_accumulate_per_minute()
    {
        var history = new MinuteHistory();
        history.Add(100, 3);
        history.Add(100, 4);
        history.Add(101, 1);

        Assert.Equal(7, history.CountAt(100));
        Assert.Equal(1, history.CountAt(101));
        Assert.Equal(0, history.CountAt(99));
    }

    [Fact]
    public void A_minute_that_reuses_a_slot_replaces_the_old_one()
    {
        var history = new MinuteHistory();
        history.Add(100, 5);
        history.Add(100 + MinuteHistory.Minutes, 2);

        Assert.Equal(0, history.CountAt(100));
        Assert.Equal(2, history.CountAt(100 + MinuteHistory.Minutes));
    }

    [Fact]
    public void A_minute_older_than_the_ring_keeps_is_ignored()
    {
        var history = new MinuteHistory();
        history.Add(100 + MinuteHistory.Minutes, 2);
        history.Add(100, 5);

        Assert.Equal(2, history.CountAt(100 + MinuteHistory.Minutes));
        Assert.Equal(0, history.CountAt(100));
    }

    [Fact]
    public void Minutes_passed_over_without_events_read_zero_though_their_slot_held_an_older_minute()
    {
        var history = new MinuteHistory();
        history.Add(100, 5); // slot 40
        history.Add(150, 1);
        history.Add(170, 2); // passes over 160, which shares slot 40 with 100

        Assert.Equal(0, history.CountAt(160));
        Assert.Equal(0, history.CountAt(100));
        Assert.Equal(1, history.CountAt(150));
        Assert.Equal(2, history.CountAt(170));
        Assert.Equal(0, history.CountAt(171));
    }

    [Fact]
    public void Negative_minutes_map_to_valid_slots()
    {
        var history = new MinuteHistory();
        history.Add(-1, 3);
        history.Add(-61, 9); // older than -1 in the same slot: ignored

        Assert.Equal(3, history.CountAt(-1));
        Assert.Equal(0, history.CountAt(-61));
    }

    [Fact]
    public void ToArray_is_the_last_hour_oldest_first_with_zeros_for_quiet_minutes()
    {
        var history = new MinuteHistory();
        history.Add(1000, 1);
        history.Add(1059, 9);
        history.Add(940, 7); // 60 minutes before 1000: outside the hour ending at 1059

        var array = history.ToArray(1059);

        Assert.Equal(MinuteHistory.Minutes, array.Length);
        Assert.Equal(1, array[0]);
        Assert.Equal(9, array[^1]);
        Assert.Equal(10, array.Sum());
    }

    [Fact]
    public void Restore_round_trips()
    {
        var random = new Random(3);
        var original = new MinuteHistory();
        for (var minute = 500; minute < 600; minute++)
            if (random.Next(3) > 0) original.Add(minute, random.Next(1, 100));

        var restored = new MinuteHistory();
        restored.Add(12345, 1); // must not survive the restore
        restored.Restore(599, original.ToArray(599));

        Assert.Equal(original.ToArray(599), restored.ToArray(599));
        Assert.Equal(0, restored.CountAt(12345));
        for (var minute = 540; minute < 600; minute++) Assert.Equal(original.CountAt(minute), restored.CountAt(minute));
    }
}
