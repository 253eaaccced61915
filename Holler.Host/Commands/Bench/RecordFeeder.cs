using System.Diagnostics;
using System.Threading.Channels;
using Holler.Ingest;

namespace Holler.Host.Commands.Bench;

/// <summary>
/// Feeds corpus events into the ingest pipeline's channel from a thread of its own, as the Kafka consumer would:
/// one <see cref="ConsumedRecord"/> per event, offsets ascending per partition. Unpaced (as fast as the pipeline takes
/// them) or paced at a fixed rate.
/// </summary>
public sealed class RecordFeeder : IDisposable
{
    private readonly EventCorpus _corpus;
    private readonly Channel<ConsumedRecord> _channel;
    private readonly long[] _nextOffset = new long[EventCorpus.Partitions];
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private long _fed;

    public RecordFeeder(EventCorpus corpus, int capacity = 50_000)
    {
        // Values are rewritten in place when the corpus cycles; everything in flight must have been parsed by then.
        if (corpus.Count < capacity * 4) throw new ArgumentException($"the corpus needs at least {capacity * 4} events", nameof(corpus));
        _corpus = corpus;
        _channel = Channel.CreateBounded<ConsumedRecord>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelReader<ConsumedRecord> Records => _channel.Reader;
    public long Fed => Interlocked.Read(ref _fed);

    /// <summary>Feeds one event per business, in catalog order, then returns (no thread): makes every business active.</summary>
    public void FeedEachBusinessOnce(int businesses, CancellationToken token)
    {
        var json = new Generation.EventJson(_corpus.Catalog);
        for (var b = 0; b < businesses && !token.IsCancellationRequested; b++)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Write(b, json.Write(b, now, b).ToArray(), token);
        }
    }

    /// <summary>Starts feeding the corpus round and round; <paramref name="eventsPerSecond"/> null for as fast as taken.</summary>
    public void Start(double? eventsPerSecond)
    {
        _thread = new Thread(() => Run(eventsPerSecond, _stop.Token)) { IsBackground = true, Name = "bench-feeder" };
        _thread.Start();
    }

    /// <summary>Stops feeding and completes the channel, so the pipeline drains and finishes.</summary>
    public void Complete()
    {
        _stop.Cancel();
        _thread?.Join();
        _channel.Writer.TryComplete();
    }

    private void Run(double? rate, CancellationToken token)
    {
        var clock = Stopwatch.StartNew();
        var index = 0;
        long sent = 0;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        while (!token.IsCancellationRequested)
        {
            var due = rate is { } r ? (long)(clock.Elapsed.TotalSeconds * r) - sent : 1024;
            if (due <= 0)
            {
                // Paced in 10 ms steps, not 1 ms: a thousand wake-ups a second cost the bench 7-9% of the process's CPU
                // at 20,000 events/s, counted in the node's CPU per event; micro-batches wait 200 ms or more anyway.
                Thread.Sleep(10);
                continue;
            }
            for (var i = 0; i < due && !token.IsCancellationRequested; i++)
            {
                if ((sent & 1023) == 0) now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var business = _corpus.BusinessOf(index);
                Write(business, _corpus.ValueAt(index, now), token);
                sent++;
                if (++index == _corpus.Count) index = 0;
            }
        }
    }

    private void Write(int business, byte[] value, CancellationToken token)
    {
        var partition = EventCorpus.PartitionOf(business);
        var record = new ConsumedRecord(_corpus.KeyOf(business), value, partition, _nextOffset[partition]++, -1);
        while (!_channel.Writer.TryWrite(record))
        {
            try { _channel.Writer.WaitToWriteAsync(token).AsTask().Wait(token); }
            catch (OperationCanceledException) { return; }
        }
        Interlocked.Increment(ref _fed);
    }

    public void Dispose()
    {
        Complete();
        _stop.Dispose();
    }
}
