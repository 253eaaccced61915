using Confluent.Kafka;

namespace Holler.Host.Commands.Bench;

/// <summary>
/// The limit of a kafka round: a Confluent.Kafka consumer configured as Holler's ingest consumer is (same fetch wait),
/// assigned the round's start offsets, that only counts records until it has the round's. Timed from the first record
/// to the last; a gap in a partition's offsets is an error (the fill overran the broker's retention).
/// </summary>
public static class BareRound
{
    public static KafkaRead Read(string bootstrap, string topic, long[] start, long records, TimeSpan timeout, CancellationToken token)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "bench-bare-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Error,
            FetchWaitMaxMs = 10,
            EnablePartitionEof = false,
        };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        consumer.Assign(start.Select((offset, p) => new TopicPartitionOffset(topic, p, offset)));
        var next = (long[])start.Clone();
        long count = 0;
        ProcessStats? first = null;
        var deadline = DateTime.UtcNow + timeout;
        while (count < records)
        {
            token.ThrowIfCancellationRequested();
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the bare consumer read {count:N0} of {records:N0} records in {timeout.TotalSeconds:N0} s");
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result?.Message is null) continue;
            first ??= ProcessStats.Now();
            var p = result.Partition.Value;
            if (result.Offset.Value != next[p])
                throw new InvalidOperationException($"the bare consumer got offset {result.Offset.Value} of partition {p}, expected {next[p]}: records were deleted before they were read");
            next[p]++;
            count++;
        }
        var delta = ProcessStats.Now() - first!.Value;
        consumer.Close();
        return new KafkaRead(count, delta.Elapsed.TotalSeconds, delta.Cpu.TotalSeconds);
    }
}
