using Confluent.Kafka;

namespace Holler.Generation;

/// <summary>
/// Tallies delivery reports, which librdkafka's poll thread delivers while the generator keeps producing.
/// One cached handler per business avoids a closure per message and needs no key lookup.
/// </summary>
internal sealed class DeliveryCounters(int businesses)
{
    private readonly long[] _delivered = new long[businesses];
    private readonly Action<DeliveryReport<byte[], byte[]>>?[] _handlers = new Action<DeliveryReport<byte[], byte[]>>?[businesses];
    private long _sent;
    private long _failed;
    private volatile string? _lastError;

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    public string? LastError
    {
        get => _lastError;
        set => _lastError = value;
    }

    public long DeliveredTo(int business) => Interlocked.Read(ref _delivered[business]);

    public Action<DeliveryReport<byte[], byte[]>> HandlerFor(int business) => _handlers[business] ??= report =>
    {
        if (report.Error.IsError)
        {
            _lastError = report.Error.Reason;
            Interlocked.Increment(ref _failed);
        }
        else
        {
            Interlocked.Increment(ref _delivered[business]);
            Interlocked.Increment(ref _sent);
        }
    };

    /// <summary>Counts messages the producer gave up on without ever reporting them.</summary>
    public void AddUnreported(long count) => Interlocked.Add(ref _failed, count);
}
