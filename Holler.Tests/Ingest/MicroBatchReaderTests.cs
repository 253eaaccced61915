using System.Threading.Channels;
using Holler.Ingest;
using Holler.Tests.Support;

namespace Holler.Tests.Ingest;

/// <summary>The reader cuts consumed records into micro-batches of at most the maximum, in order, and ends with the
/// channel.</summary>
public sealed class MicroBatchReaderTests
{
    private static ConsumedRecord Record(long offset) => new(null, [], 0, offset, -1);

    private static Channel<ConsumedRecord> Filled(int count, bool complete)
    {
        var channel = Channel.CreateBounded<ConsumedRecord>(new BoundedChannelOptions(1_000) { SingleReader = true });
        for (var i = 0; i < count; i++) Assert.True(channel.Writer.TryWrite(Record(i)));
        if (complete) channel.Writer.Complete();
        return channel;
    }

    [Fact]
    public async Task Batches_are_cut_at_the_maximum_in_offset_order_and_the_rest_goes_when_the_channel_ends()
    {
        // A window of an hour: only fullness and the end of the channel can hand a batch on here.
        var linger = new BatchLinger(TimeSpan.FromHours(1), TimeSpan.FromHours(1), 10);
        var reader = new MicroBatchReader(Filled(25, complete: true).Reader, 10, linger, new ManualClock());

        var batches = new List<IReadOnlyList<ConsumedRecord>>();
        await foreach (var batch in reader.ReadAllAsync(TestContext.Current.CancellationToken)) batches.Add(batch);

        Assert.Equal([10, 10, 5], batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => (long)i), batches.SelectMany(b => b).Select(r => r.Offset));
    }

    [Fact]
    public async Task A_full_batch_does_not_wait_for_its_window()
    {
        var linger = new BatchLinger(TimeSpan.FromHours(1), TimeSpan.FromHours(1), 10);
        var reader = new MicroBatchReader(Filled(12, complete: false).Reader, 10, linger, new ManualClock());

        var batch = await reader.NextAsync(TestContext.Current.CancellationToken);

        Assert.Equal(10, batch!.Count);
        // Full, so the next window is the base one.
        Assert.Equal(TimeSpan.FromHours(1), reader.Window);
    }

    [Fact]
    public async Task A_batch_that_is_not_full_is_handed_on_when_its_window_passes_and_the_next_window_grows()
    {
        var clock = new ManualClock();
        var linger = new BatchLinger(TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1), 1_000_000);
        var reader = new MicroBatchReader(Filled(3, complete: false).Reader, 10, linger, clock);

        var batch = await reader.NextAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, batch!.Count);
        // Three records in a window of about a millisecond are far below the target: the next window is longer.
        Assert.True(reader.Window > TimeSpan.FromMilliseconds(1), $"window {reader.Window}");
        Assert.True(reader.Window <= TimeSpan.FromMinutes(1), $"window {reader.Window}");
    }

    [Fact]
    public async Task An_ended_empty_channel_gives_no_batch()
    {
        var reader = new MicroBatchReader(Filled(0, complete: true).Reader, 10, BatchLinger.Fixed(TimeSpan.FromHours(1)), new ManualClock());

        Assert.Null(await reader.NextAsync(TestContext.Current.CancellationToken));
    }
}
