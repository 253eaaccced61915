using System.Text;
using Confluent.Kafka;
using Holler.Domain;

namespace Holler.Ingest;

/// <summary>Copies rejected records, untouched, to a dead-letter topic with the reason in a header.</summary>
public sealed class DeadLetterWriter : IDisposable
{
    public const string ReasonHeader = "holler-reject-reason";
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly string _topic;

    public DeadLetterWriter(string bootstrapServers, string topic)
    {
        _topic = topic;
        _producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            LingerMs = 5,
            // An unwritable dead-letter topic must fail the micro-batch soon (it is retried), not stall it for 5 minutes.
            MessageTimeoutMs = 30_000,
        }).Build();
    }

    /// <summary>Completes when every copy is acknowledged by the broker, so the originals' offsets may be committed.</summary>
    public Task WriteAsync(IReadOnlyList<(ConsumedRecord Record, RejectReason Reason)> rejected, CancellationToken token = default)
    {
        if (rejected.Count == 0) return Task.CompletedTask;
        return Task.WhenAll(rejected.Select(r => _producer.ProduceAsync(_topic, new Message<byte[]?, byte[]>
        {
            Key = r.Record.Key,
            Value = r.Record.Value,
            Headers = new Headers
            {
                { ReasonHeader, Encoding.UTF8.GetBytes(r.Reason.ToString()) },
                { "holler-source", Encoding.UTF8.GetBytes($"{r.Record.Partition}@{r.Record.Offset}") },
            },
        }, token)));
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
