using Holler.Domain.Dimensions;

namespace Holler.Tests.Domain.Dimensions;

public class SpaceSavingTests
{
    [Fact]
    public void Every_value_above_one_kth_of_the_total_is_kept_with_a_bounded_overestimate()
    {
        var sketch = new SpaceSaving<string>(8);
        var random = new Random(7);
        var truth = new Dictionary<string, int>();
        // Two heavy hitters among 500 rare values.
        for (var i = 0; i < 20_000; i++)
        {
            var value = (i % 5) switch { 0 => "/menu", 1 => "/order", _ => $"/rare-{random.Next(500)}" };
            truth[value] = truth.GetValueOrDefault(value) + 1;
            sketch.Add(value);
        }

        foreach (var heavy in new[] { "/menu", "/order" })
        {
            var entry = sketch.Entries.ToArray().Single(e => e.Value == heavy);
            Assert.InRange(entry.Count, truth[heavy], truth[heavy] + sketch.Total / sketch.Capacity);
            Assert.True(entry.Count - entry.Error <= truth[heavy]);
        }
        Assert.Equal(8, sketch.Entries.Length);
        Assert.Equal(20_000, sketch.Total);
    }

    [Fact]
    public void An_equal_value_in_another_instance_counts_on_the_same_entry()
    {
        // The parser's pool is bounded: past it, each event's value is a new string, equal but not the same instance.
        var sketch = new SpaceSaving<string>(2);
        sketch.Add(new string("/menu".AsSpan()));
        sketch.Add("/order");
        sketch.Add(new string("/menu".AsSpan()));

        Assert.Equal(2, sketch.Entries.Length);
        var menu = sketch.Entries.ToArray().Single(e => e.Value == "/menu");
        Assert.Equal((2.0, 0.0), (menu.Count, menu.Error));
    }

    [Fact]
    public void Decay_scales_fast_and_slow_weights_apart()
    {
        var sketch = new SpaceSaving<string>(2);
        sketch.Add("a", 10);
        sketch.Decay(0.5, 0.9);

        var a = sketch.Entries[0];
        Assert.Equal((5.0, 9.0), (a.Count, a.Slow));
        Assert.Equal((5.0, 9.0), (sketch.Total, sketch.SlowTotal));
    }

    [Fact]
    public void A_newcomer_replaces_the_smallest_and_inherits_its_count_as_error()
    {
        var sketch = new SpaceSaving<string>(2);
        sketch.Add("a", 5);
        sketch.Add("b", 2);
        sketch.Add("c");

        var c = sketch.Entries.ToArray().Single(e => e.Value == "c");
        Assert.Equal((3.0, 2.0, 1.0), (c.Count, c.Error, c.Slow));
        Assert.DoesNotContain(sketch.Entries.ToArray(), e => e.Value == "b");
    }
}
