using System.Diagnostics;
using Confluent.Kafka;

namespace Holler.Host.Commands.Bench;

/// <summary>
/// Fills the kafka scenario's topic between reads, while no consumer runs: pre-encoded records to the partition each
/// business maps to, as fast as the broker takes them, and waits until every one is acknowledged. Knows the topic's
/// offsets (its own watermark queries), so a round is exactly the records it produced.
/// </summary>
public sealed class TopicFiller : IDisposable
{
    private readonly string _topic;
    private readonly int _partitions;
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly IConsumer<byte[], byte[]> _inspector;
    private long _failed;

    public TopicFiller(string bootstrap, string topic, int partitions)
    {
        _topic = topic;
        _partitions = partitions;
        _producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            ClientId = "holler-bench-fill",
            Acks = Acks.Leader,
            LingerMs = 5,
            QueueBufferingMaxMessages = 1_000_000,
            QueueBufferingMaxKbytes = 1_048_576,
            MessageTimeoutMs = 60_000,
        }).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        _inspector = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "bench-inspector-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
    }

    /// <summary>Creates the topic with one record in each partition (before any round starts, so never read).</summary>
    public void Prime(byte[] key, byte[] value)
    {
        for (var p = 0; p < _partitions; p++) Produce(p, key, value);
        Flush();
    }

    /// <summary>Produces <paramref name="count"/> records, <paramref name="record"/>(i) giving each one's partition,
    /// key and value (the value is copied at once: a shared buffer may be reused); returns the seconds it took until the
    /// last was acknowledged.</summary>
    public double Fill(int count, Func<int, (int Partition, byte[] Key, byte[] Value)> record)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var (partition, key, value) = record(i);
            Produce(partition, key, value);
        }
        Flush();
        if (Interlocked.Read(ref _failed) > 0)
            throw new InvalidOperationException($"{_failed} records of a fill were not acknowledged by the embedded broker");
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Per partition, the first offset the broker still holds and the next one it will write.</summary>
    public (long[] Low, long[] High) Watermarks()
    {
        var low = new long[_partitions];
        var high = new long[_partitions];
        for (var p = 0; p < _partitions; p++)
        {
            var w = _inspector.QueryWatermarkOffsets(new TopicPartition(_topic, p), TimeSpan.FromSeconds(10));
            low[p] = w.Low.Value;
            high[p] = w.High.Value;
        }
        return (low, high);
    }

    private void Produce(int partition, byte[] key, byte[] value)
    {
        var message = new Message<byte[], byte[]> { Key = key, Value = value };
        while (true)
        {
            try
            {
                _producer.Produce(new TopicPartition(_topic, partition), message, report =>
                {
                    if (report.Error.IsError) Interlocked.Increment(ref _failed);
                });
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(5));
            }
        }
    }

    private void Flush()
    {
        if (_producer.Flush(TimeSpan.FromMinutes(1)) > 0)
            throw new TimeoutException("the embedded broker did not acknowledge a fill within a minute");
    }

    public void Dispose()
    {
        _producer.Dispose();
        _inspector.Close();
        _inspector.Dispose();
    }
}
