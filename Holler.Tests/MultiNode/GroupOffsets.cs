using Confluent.Kafka;

namespace Holler.Tests.MultiNode;

/// <summary>
/// The ingest consumer group's progress as the broker sees it: per partition the retained log (low and high
/// watermark) and the committed offset. Reads only: this consumer never subscribes, so it never joins the group.
/// </summary>
public sealed class GroupOffsets : IDisposable
{
    private readonly IConsumer<byte[], byte[]> _consumer;
    private readonly string _topic;

    public GroupOffsets(string bootstrap, string topic, string groupId = "holler")
    {
        _topic = topic;
        _consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = groupId,
            EnableAutoCommit = false,
        }).SetLogHandler((_, _) => { }).Build();
    }

    public sealed record Partition(int Id, long Low, long High, long Committed)
    {
        /// <summary>Records in the log not yet committed by the group.</summary>
        public long Lag => High - Math.Max(Committed, Low);
    }

    public IReadOnlyList<Partition> Read(int partitions)
    {
        var tps = Enumerable.Range(0, partitions).Select(p => new TopicPartition(_topic, p)).ToList();
        var committed = _consumer.Committed(tps, TimeSpan.FromSeconds(10)).ToDictionary(c => c.Partition.Value, c => c.Offset);
        return tps.Select(tp =>
        {
            var marks = _consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10));
            var done = committed.TryGetValue(tp.Partition.Value, out var offset) && !offset.IsSpecial ? offset.Value : 0;
            return new Partition(tp.Partition.Value, marks.Low.Value, marks.High.Value, done);
        }).ToList();
    }

    public void Dispose() => _consumer.Dispose();
}
