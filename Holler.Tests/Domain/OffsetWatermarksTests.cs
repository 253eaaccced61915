using Holler.Domain.Traffic;

namespace Holler.Tests.Domain;

public class OffsetWatermarksTests
{
    [Fact]
    public void An_unknown_partition_applies_everything()
    {
        var watermarks = new OffsetWatermarks();

        Assert.Equal(0, watermarks.FirstUnapplied(0, [5, 6, 7], logEndOffset: 8, bringsNewerEvents: true, out _));
    }

    [Fact]
    public void A_redelivered_batch_is_skipped_entirely()
    {
        var watermarks = new OffsetWatermarks();
        watermarks.MarkApplied(0, 7);

        Assert.Equal(3, watermarks.FirstUnapplied(0, [5, 6, 7], logEndOffset: 8, bringsNewerEvents: true, out _));
    }

    [Fact]
    public void A_partially_overlapping_batch_applies_only_the_new_part()
    {
        var watermarks = new OffsetWatermarks();
        watermarks.MarkApplied(0, 6);

        Assert.Equal(2, watermarks.FirstUnapplied(0, [5, 6, 7, 8], logEndOffset: 9, bringsNewerEvents: true, out _));
    }

    [Fact]
    public void Partitions_are_independent()
    {
        var watermarks = new OffsetWatermarks();
        watermarks.MarkApplied(0, 100);

        Assert.Equal(0, watermarks.FirstUnapplied(1, [5, 6], logEndOffset: 7, bringsNewerEvents: true, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(100)] // the log ends exactly at the watermark: offset 100 cannot exist, so this is a new log
    public void A_recreated_log_forgets_the_watermark(long logEnd)
    {
        var watermarks = new OffsetWatermarks();
        watermarks.MarkApplied(0, 100);

        Assert.Equal(0, watermarks.FirstUnapplied(0, [0, 1, 2], logEnd, bringsNewerEvents: true, out var recreated));

        Assert.True(recreated);
        // Deciding changes nothing: the caller resets once the decision is durable.
        Assert.Equal(100, watermarks.Applied[0]);
    }

    [Fact]
    public void A_log_end_below_the_watermark_without_newer_events_is_a_stale_batch_not_a_new_log()
    {
        var watermarks = new OffsetWatermarks();
        watermarks.MarkApplied(0, 100);

        Assert.Equal(3, watermarks.FirstUnapplied(0, [40, 41, 42], logEndOffset: 50, bringsNewerEvents: false, out var recreated));

        Assert.False(recreated);
    }

    [Fact]
    public void A_log_ending_just_past_the_watermark_is_the_same_log()
    {
        var watermarks = new OffsetWatermarks();
        watermarks.MarkApplied(0, 100);

        Assert.Equal(1, watermarks.FirstUnapplied(0, [100], logEndOffset: 101, bringsNewerEvents: true, out var recreated));
        Assert.False(recreated);
        Assert.Equal(100, watermarks.Applied[0]);
    }

    [Fact]
    public void An_unknown_log_end_never_resets()
    {
        var watermarks = new OffsetWatermarks();
        watermarks.MarkApplied(0, 100);

        Assert.Equal(2, watermarks.FirstUnapplied(0, [0, 1], logEndOffset: -1, bringsNewerEvents: true, out _));
        Assert.Equal(100, watermarks.Applied[0]);
    }

    [Fact]
    public void Marking_never_moves_a_watermark_backwards()
    {
        var watermarks = new OffsetWatermarks();
        watermarks.MarkApplied(2, 50);
        watermarks.MarkApplied(2, 40);

        Assert.Equal(50, watermarks.Applied[2]);
    }

    [Fact]
    public void Reset_and_restore()
    {
        var watermarks = new OffsetWatermarks();
        watermarks.MarkApplied(0, 10);
        watermarks.MarkApplied(1, 20);

        watermarks.Reset(0);
        Assert.Equal([1], watermarks.Applied.Keys);

        var restored = new OffsetWatermarks();
        restored.MarkApplied(9, 9);
        restored.Restore(watermarks.Applied);
        Assert.Equal(watermarks.Applied, restored.Applied);
    }
}
