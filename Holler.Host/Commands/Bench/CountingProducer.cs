using System.Diagnostics;
using Confluent.Kafka;

namespace Holler.Host.Commands.Bench;

/// <summary>
/// Produces corpus events at a steady rate and counts what the broker acknowledged per business and per partition, so
/// a benchmark can check a node's totals exactly and knows each partition's log end without asking the broker.
/// </summary>
public sealed class CountingProducer : IDisposable
{
    private readonly EventCorpus _corpus;
    private readonly string _topic;
    private readonly double _rate;
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly long[] _perBusiness;
    private readonly long[] _perPartition;
    private readonly long[] _bytesPerPartition;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _failed;
    private int _index;

    /// <param name="partitions">The topic's partitions.</param>
    public CountingProducer(string bootstrap, string topic, EventCorpus corpus, double rate, int partitions = EventCorpus.Partitions)
    {
        _perPartition = new long[partitions];
        _bytesPerPartition = new long[partitions];
        _corpus = corpus;
        _topic = topic;
        _rate = rate;
        _perBusiness = new long[corpus.Catalog.Count];
        _producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            ClientId = "holler-bench-recovery",
            Acks = Acks.All,
            LingerMs = 5,
            // Long enough to outlast anything the node does: a record the broker never took is not counted, but one
            // that timed out after the broker took it would be in the log uncounted.
            MessageTimeoutMs = 300_000,
        }).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        _thread = new Thread(Run) { IsBackground = true, Name = "bench-recovery-producer" };
    }

    /// <summary>Acknowledged by the broker, in all.</summary>
    public long Acked => AckedPerPartition().Sum();
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Per partition, records acknowledged: the log end, as the topic was empty before.</summary>
    public long[] AckedPerPartition() => Read(_perPartition);

    public long[] BytesPerPartition() => Read(_bytesPerPartition);

    private static long[] Read(long[] counters)
    {
        var copy = new long[counters.Length];
        for (var i = 0; i < counters.Length; i++) copy[i] = Interlocked.Read(ref counters[i]);
        return copy;
    }

    /// <summary>Every business with an acknowledged event, with how many.</summary>
    public Dictionary<string, long> PerBusiness()
    {
        var totals = new Dictionary<string, long>();
        for (var b = 0; b < _perBusiness.Length; b++)
        {
            var n = Interlocked.Read(ref _perBusiness[b]);
            if (n > 0) totals[_corpus.Catalog[b].Id] = n;
        }
        return totals;
    }

    /// <summary>One event to each partition, acknowledged before this returns: the topic exists with its partitions.</summary>
    public void Prime()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var p = 0; p < _perPartition.Length; p++) Send(new TopicPartition(_topic, p), now);
        _producer.Flush(TimeSpan.FromSeconds(30));
    }

    public void Start() => _thread.Start();

    /// <summary>Stops producing and waits until everything produced is acknowledged (or failed).</summary>
    public void Stop()
    {
        _stop.Cancel();
        if (_thread.IsAlive) _thread.Join();
        _producer.Flush(TimeSpan.FromMinutes(5));
    }

    private void Run()
    {
        var token = _stop.Token;
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (!token.IsCancellationRequested)
        {
            // Due by the clock since the start: a stall (a GC, a loaded machine) is made up, so the offered rate holds.
            var due = (long)(clock.Elapsed.TotalSeconds * _rate);
            if (due <= sent)
            {
                Thread.Sleep(1);
                continue;
            }
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (; sent < due && !token.IsCancellationRequested; sent++) Send(new TopicPartition(_topic, Partition.Any), now);
        }
    }

    private void Send(TopicPartition target, long nowMs)
    {
        var index = _index;
        if (++_index == _corpus.Count) _index = 0;
        var business = _corpus.BusinessOf(index);
        var value = _corpus.ValueAt(index, nowMs);
        var key = _corpus.KeyOf(business);
        var size = key.Length + value.Length;
        var message = new Message<byte[], byte[]> { Key = key, Value = value };
        while (true)
        {
            try
            {
                _producer.Produce(target, message, report =>
                {
                    if (report.Error.IsError)
                    {
                        Interlocked.Increment(ref _failed);
                        return;
                    }
                    Interlocked.Increment(ref _perBusiness[business]);
                    Interlocked.Increment(ref _perPartition[report.Partition.Value]);
                    Interlocked.Add(ref _bytesPerPartition[report.Partition.Value], size);
                });
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
        _producer.Dispose();
        _stop.Dispose();
    }
}
