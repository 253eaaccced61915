using Confluent.Kafka;

namespace Holler.Host.Commands.Bench;

/// <summary>
/// The limit: a Confluent.Kafka consumer that only counts records, configured as Holler's ingest consumer is
/// (same fetch wait). Counts offsets it had to jump over — records the broker deleted before they were read.
/// </summary>
public sealed class BareConsumer : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _consumed;
    private long _skipped;

    public BareConsumer(string bootstrap, string topic, int partitions)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "bench-bare-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = 10,
            EnablePartitionEof = false,
        };
        _thread = new Thread(() => Run(config, topic, partitions)) { IsBackground = true, Name = "bench-bare-consumer" };
        _thread.Start();
    }

    public long Consumed => Interlocked.Read(ref _consumed);
    public long SkippedOffsets => Interlocked.Read(ref _skipped);

    private void Run(ConsumerConfig config, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var last = new long[partitions];
        Array.Fill(last, -1);
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result?.Message is null) continue;
            var p = result.Partition.Value;
            var offset = result.Offset.Value;
            if (offset > last[p] + 1) Interlocked.Add(ref _skipped, offset - last[p] - 1);
            last[p] = offset;
            Interlocked.Increment(ref _consumed);
        }
        consumer.Close();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
