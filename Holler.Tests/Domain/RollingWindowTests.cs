using Holler.Domain.Traffic;

namespace Holler.Tests.Domain;

public class RollingWindowTests
{
    /// <summary>The obvious implementation: every second's count kept forever, the window summed on demand.</summary>
    private sealed class NaiveWindow
    {
        private readonly Dictionary<long, int> _counts = new();
        public long Head { get; private set; } = long.MinValue;

        public bool Add(long second, int count)
        {
            if (Head == long.MinValue || second > Head) Head = second;
            else if (second <= Head - RollingWindow.Seconds) return false;
            _counts[second] = _counts.GetValueOrDefault(second) + count;
            return true;
        }

        public void AdvanceTo(long second)
        {
            if (Head != long.MinValue && second > Head) Head = second;
        }

        public int CountAt(long second) =>
            Head != long.MinValue && second > Head - RollingWindow.Seconds && second <= Head ? _counts.GetValueOrDefault(second) : 0;

        public long Sum => SumBetween(Head - RollingWindow.Seconds + 1, Head);

        public long SumBetween(long from, long to)
        {
            long sum = 0;
            for (var s = from; s <= to; s++) sum += CountAt(s);
            return sum;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    public void Sum_matches_a_naive_model_over_random_adds_and_advances(int seed)
    {
        var random = new Random(seed);
        var window = new RollingWindow();
        var model = new NaiveWindow();
        long now = 1_700_000_000;

        for (var op = 0; op < 5000; op++)
        {
            switch (random.Next(10))
            {
                case < 6: // mostly events around the head, some late, some ahead
                    var second = now + random.Next(-90, 5);
                    var count = random.Next(1, 20);
                    Assert.Equal(model.Add(second, count), window.Add(second, count));
                    now = Math.Max(now, second);
                    break;
                case < 9:
                    now += random.Next(0, 10);
                    window.AdvanceTo(now);
                    model.AdvanceTo(now);
                    break;
                default: // occasionally a long quiet spell
                    now += random.Next(50, 200);
                    window.AdvanceTo(now);
                    model.AdvanceTo(now);
                    break;
            }

            Assert.Equal(model.Head, window.HeadSecond);
            Assert.Equal(model.Sum, window.Sum);
            var buckets = window.ToArray();
            Assert.Equal(window.Sum, buckets.Sum(b => (long)b));
            for (var i = 0; i < RollingWindow.Seconds; i++)
                Assert.Equal(model.CountAt(window.TailSecond + i), buckets[i]);
        }
    }

    [Fact]
    public void A_second_that_has_left_the_window_is_rejected_and_not_counted()
    {
        var window = new RollingWindow();
        Assert.True(window.Add(1000, 5));

        Assert.False(window.Add(1000 - RollingWindow.Seconds, 3));
        Assert.True(window.Add(1000 - RollingWindow.Seconds + 1, 2)); // the oldest second still inside

        Assert.Equal(7, window.Sum);
        Assert.Equal(1000, window.HeadSecond);
    }

    [Fact]
    public void A_late_second_inside_the_window_does_not_move_the_head()
    {
        var window = new RollingWindow();
        window.Add(1000, 1);
        window.Add(990, 4);

        Assert.Equal(1000, window.HeadSecond);
        Assert.Equal(4, window.CountAt(990));
        Assert.Equal(5, window.Sum);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(61)]
    [InlineData(100_000)]
    public void A_jump_of_a_full_window_or_more_clears_everything(int jump)
    {
        var window = new RollingWindow();
        for (var s = 0; s < 60; s++) window.Add(1000 + s, 3);

        window.AdvanceTo(1059 + jump);

        Assert.Equal(0, window.Sum);
        Assert.All(window.ToArray(), b => Assert.Equal(0, b));
        Assert.Equal(1059 + jump, window.HeadSecond);
    }

    [Fact]
    public void A_jump_just_short_of_a_full_window_keeps_the_newest_second()
    {
        var window = new RollingWindow();
        for (var s = 0; s < 60; s++) window.Add(1000 + s, s + 1);

        window.AdvanceTo(1059 + 59);

        Assert.Equal(60, window.Sum);
        Assert.Equal(60, window.CountAt(1059));
    }

    [Fact]
    public void Advancing_backwards_or_an_empty_window_does_nothing()
    {
        var empty = new RollingWindow();
        empty.AdvanceTo(500);
        Assert.True(empty.IsEmpty);

        var window = new RollingWindow();
        window.Add(1000, 2);
        window.AdvanceTo(900);
        Assert.Equal(1000, window.HeadSecond);
        Assert.Equal(2, window.Sum);
    }

    [Fact]
    public void Restore_round_trips_and_then_behaves_like_the_original()
    {
        var random = new Random(7);
        var original = new RollingWindow();
        for (var s = 0; s < 200; s++) original.Add(5000 + s, random.Next(0, 9));

        var restored = new RollingWindow();
        restored.Restore(original.HeadSecond, original.ToArray());

        Assert.Equal(original.HeadSecond, restored.HeadSecond);
        Assert.Equal(original.Sum, restored.Sum);
        Assert.Equal(original.ToArray(), restored.ToArray());

        for (var s = 200; s < 400; s += random.Next(1, 30))
        {
            var second = 5000 + s - random.Next(0, 70);
            var count = random.Next(1, 9);
            Assert.Equal(original.Add(second, count), restored.Add(second, count));
            Assert.Equal(original.Sum, restored.Sum);
            Assert.Equal(original.ToArray(), restored.ToArray());
        }
    }

    [Fact]
    public void Restore_of_an_empty_snapshot_is_empty()
    {
        var window = new RollingWindow();
        window.Add(10, 1);

        window.Restore(long.MinValue, new int[RollingWindow.Seconds]);

        Assert.True(window.IsEmpty);
        Assert.Equal(0, window.Sum);
    }

    [Fact]
    public void Restore_ignores_counts_older_than_the_window()
    {
        var counts = Enumerable.Repeat(1, 90).ToArray();
        var window = new RollingWindow();

        window.Restore(1000, counts);

        Assert.Equal(RollingWindow.Seconds, window.Sum);
        Assert.Equal(0, window.CountAt(1000 - RollingWindow.Seconds));
    }

    [Fact]
    public void SumEndingAt_counts_only_the_held_seconds_of_the_earlier_window()
    {
        var window = new RollingWindow();
        for (var s = 0; s < 60; s++) window.Add(1000 + s, 1); // holds 1000..1059

        Assert.Equal(60, window.SumEndingAt(1059));
        Assert.Equal(50, window.SumEndingAt(1049)); // 990..1049, of which 1000..1049 are held
        Assert.Equal(1, window.SumEndingAt(1000));
        Assert.Equal(0, window.SumEndingAt(999));
        Assert.Equal(30, window.SumEndingAt(1089)); // 1030..1089, nothing newer than the head exists
        Assert.Equal(0, window.SumEndingAt(2000));
    }
}
