using System.Diagnostics;
using Confluent.Kafka;

namespace Holler.Host.Commands.Bench;

/// <summary>
/// Produces corpus events to a topic at an offered rate that can be changed while it runs (the generator's encoding,
/// with the event time set to now). Counts what the broker acknowledged.
/// </summary>
public sealed class PacedProducer : IDisposable
{
    private readonly EventCorpus _corpus;
    private readonly string _topic;
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivered;
    private long _rateBits;
    private long _produced;
    private long _acked;
    private long _failed;
    private int _index;
    private Generation.EventJson? _burstJson;

    public PacedProducer(string bootstrap, string topic, EventCorpus corpus, int startIndex = 0)
    {
        _corpus = corpus;
        _topic = topic;
        _index = startIndex % corpus.Count;
        _producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            ClientId = "holler-bench",
            Acks = Acks.Leader,
            LingerMs = 5,
            QueueBufferingMaxMessages = 1_000_000,
            QueueBufferingMaxKbytes = 1_048_576,
            MessageTimeoutMs = 30_000,
        }).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        _onDelivered = report =>
        {
            if (report.Error.IsError) Interlocked.Increment(ref _failed);
            else Interlocked.Increment(ref _acked);
        };
        _thread = new Thread(Run) { IsBackground = true, Name = "bench-producer" };
    }

    public double Rate
    {
        get => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _rateBits));
        set => Interlocked.Exchange(ref _rateBits, BitConverter.DoubleToInt64Bits(value));
    }

    public long Produced => Interlocked.Read(ref _produced);
    /// <summary>Acknowledged by the broker: in the log, readable.</summary>
    public long Acked => Interlocked.Read(ref _acked);
    public long Failed => Interlocked.Read(ref _failed);

    public void Start() => _thread.Start();

    /// <summary>Produces one event to each partition right away (creating the topic) and waits for them.</summary>
    public void Prime(int partitions)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var p = 0; p < partitions; p++) Send(new TopicPartition(_topic, p), now);
        _producer.Flush(TimeSpan.FromSeconds(30));
    }

    /// <summary>Produces events of one business with the given event time at once (a probe's warm-up or burst).</summary>
    public void Burst(int business, long timestampMs, int count)
    {
        var json = _burstJson ??= new Generation.EventJson(_corpus.Catalog, seed: 7);
        for (var i = 0; i < count; i++)
        {
            var message = new Message<byte[], byte[]> { Key = _corpus.KeyOf(business), Value = json.Write(business, timestampMs, i).ToArray() };
            ProduceWithRetry(new TopicPartition(_topic, Partition.Any), message);
            Interlocked.Increment(ref _produced);
        }
        _producer.Flush(TimeSpan.Zero);
    }

    /// <summary>Waits until everything produced so far is acknowledged.</summary>
    public void Flush() => _producer.Flush(TimeSpan.FromSeconds(30));

    private void Run()
    {
        var token = _stop.Token;
        var clock = Stopwatch.StartNew();
        var credit = 0.0;
        var last = clock.Elapsed;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        while (!token.IsCancellationRequested)
        {
            var elapsed = clock.Elapsed;
            // Credit accrues at the current rate, so a rate change applies from now on, not retroactively.
            credit = Math.Min(credit + (elapsed - last).TotalSeconds * Rate, Math.Max(Rate * 0.05, 1));
            last = elapsed;
            if (credit < 1)
            {
                Thread.Sleep(1);
                continue;
            }
            var due = (long)credit;
            credit -= due;
            now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (long i = 0; i < due && !token.IsCancellationRequested; i++)
            {
                Send(new TopicPartition(_topic, Partition.Any), now);
            }
        }
    }

    private void Send(TopicPartition target, long nowMs)
    {
        var index = _index;
        if (++_index == _corpus.Count) _index = 0;
        var business = _corpus.BusinessOf(index);
        // The value array is copied by librdkafka inside Produce, so reusing it afterwards is safe.
        var message = new Message<byte[], byte[]> { Key = _corpus.KeyOf(business), Value = _corpus.ValueAt(index, nowMs) };
        ProduceWithRetry(target, message);
        Interlocked.Increment(ref _produced);
    }

    private void ProduceWithRetry(TopicPartition target, Message<byte[], byte[]> message)
    {
        while (true)
        {
            try
            {
                _producer.Produce(target, message, _onDelivered);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(5));
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_thread.IsAlive) _thread.Join();
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
        _stop.Dispose();
    }
}
