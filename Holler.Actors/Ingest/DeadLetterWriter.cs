using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Holler.Domain;

namespace Holler.Ingest;

/// <summary>
/// Copies rejected records to a dead-letter topic with the reason in a header: untouched, except that a copy is never
/// longer than the record limit (<see cref="ParseLimits.MaxRecordBytes"/>). A <see cref="RejectReason.TooLarge"/>
/// record is cut to the limit (key kept whole when it fits, value cut to the rest) with its original size in
/// <see cref="OriginalBytesHeader"/>: the first kilobytes show who sent what, while a whole copy could exceed the
/// dead-letter producer's or topic's message size, and a copy that cannot be written fails the micro-batch again on
/// every retry, so one oversized record would stall the stream; it would also let a hostile producer double the disk
/// it costs.
/// </summary>
public sealed class DeadLetterWriter : IDisposable
{
    public const string ReasonHeader = "holler-reject-reason";
    public const string SourceHeader = "holler-source";
    /// <summary>On a cut copy only: the original record's key and value length together, in bytes.</summary>
    public const string OriginalBytesHeader = "holler-original-bytes";

    // Room for the headers and Kafka's own framing on top of the longest copy.
    private const int FramingBytes = 64 * 1024;

    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly string _topic;
    private readonly int _maxRecordBytes;

    public DeadLetterWriter(string bootstrapServers, string topic, int maxRecordBytes = ParseLimits.DefaultMaxRecordBytes)
    {
        _topic = topic;
        _maxRecordBytes = maxRecordBytes;
        _producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            LingerMs = 5,
            // An unwritable dead-letter topic must fail the micro-batch soon (it is retried), not stall it for 5 minutes.
            MessageTimeoutMs = 30_000,
            // Every copy fits: no copy is longer than the record limit, which may be set above librdkafka's 1,000,000.
            MessageMaxBytes = Math.Max(1_000_000, maxRecordBytes + FramingBytes),
        }).Build();
    }

    /// <summary>Completes when every copy is acknowledged by the broker, so the originals' offsets may be committed.</summary>
    public Task WriteAsync(IReadOnlyList<(ConsumedRecord Record, RejectReason Reason)> rejected, CancellationToken token = default)
    {
        if (rejected.Count == 0) return Task.CompletedTask;
        return Task.WhenAll(rejected.Select(r => _producer.ProduceAsync(_topic, CopyOf(r.Record, r.Reason, _maxRecordBytes), token)));
    }

    /// <summary>The dead-letter message for one rejected record.</summary>
    public static Message<byte[]?, byte[]> CopyOf(ConsumedRecord record, RejectReason reason, int maxRecordBytes)
    {
        var headers = new Headers
        {
            { ReasonHeader, Encoding.UTF8.GetBytes(reason.ToString()) },
            { SourceHeader, Encoding.UTF8.GetBytes($"{record.Partition}@{record.Offset}") },
        };
        var key = record.Key;
        var value = record.Value;
        var size = (long)(key?.Length ?? 0) + value.Length;
        if (size > maxRecordBytes)
        {
            if (key is not null && key.Length > maxRecordBytes) key = key[..maxRecordBytes];
            value = value[..(maxRecordBytes - (key?.Length ?? 0))];
            headers.Add(OriginalBytesHeader, Encoding.UTF8.GetBytes(size.ToString(CultureInfo.InvariantCulture)));
        }

        return new Message<byte[]?, byte[]> { Key = key, Value = value, Headers = headers };
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
