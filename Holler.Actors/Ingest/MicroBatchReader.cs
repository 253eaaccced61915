using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Holler.Ingest;

/// <summary>
/// Cuts the consumed records into micro-batches: at most <c>maxRecords</c> each, handed on when full or when the
/// window <see cref="BatchLinger"/> chose has passed since the batch's first record. In place of a fixed
/// <c>GroupedWithin</c>, so the window can grow while traffic is light (see <see cref="BatchLinger"/>).
/// </summary>
public sealed class MicroBatchReader(ChannelReader<ConsumedRecord> records, int maxRecords, BatchLinger linger, TimeProvider clock)
{
    /// <summary>While a batch is open, how often it looks for new records: waking for every record would cost more
    /// than the records (the consumer hands them over in bursts), and this is well inside any window.</summary>
    internal static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private TimeSpan _window = linger.First;

    /// <summary>The window the next micro-batch gets.</summary>
    public TimeSpan Window => _window;

    public async IAsyncEnumerable<IReadOnlyList<ConsumedRecord>> ReadAllAsync([EnumeratorCancellation] CancellationToken token = default)
    {
        while (await NextAsync(token) is { } batch) yield return batch;
    }

    /// <summary>The next micro-batch; null once the channel is completed and empty.</summary>
    public async Task<IReadOnlyList<ConsumedRecord>?> NextAsync(CancellationToken token)
    {
        if (!records.TryPeek(out _) && !await records.WaitToReadAsync(token)) return null;
        var opened = clock.GetTimestamp();
        var batch = new List<ConsumedRecord>();
        while (true)
        {
            while (batch.Count < maxRecords && records.TryRead(out var record)) batch.Add(record);
            if (batch.Count >= maxRecords || records.Completion.IsCompleted) break;
            var remaining = _window - clock.GetElapsedTime(opened);
            if (remaining <= TimeSpan.Zero) break;
            await Task.Delay(remaining < PollInterval ? remaining : PollInterval, clock, token);
        }
        _window = linger.Next(batch.Count, clock.GetElapsedTime(opened));
        return batch;
    }
}
