using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Holler.Ingest;

/// <summary>
/// Owns one Confluent.Kafka consumer on a dedicated thread (the client is not thread-safe) and exposes it as a bounded
/// channel: when the stream stops pulling, the channel fills and polling waits, which is the back-pressure. Commits
/// requested from the stream are queued and performed by the polling thread between polls.
/// </summary>
public sealed class KafkaPollingConsumer : IDisposable
{
    private readonly KafkaIngestSettings _settings;
    private readonly ILogger _log;
    private readonly Channel<ConsumedRecord> _channel;
    private readonly ConcurrentQueue<IReadOnlyDictionary<int, long>> _commits = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<int, long> _committed = new();
    private readonly ConcurrentDictionary<int, long> _logEnd = new();

    private readonly Dictionary<int, long> _lastOffset = new();
    private readonly IngestMetrics? _metrics;

    public KafkaPollingConsumer(KafkaIngestSettings settings, ILogger log, int capacity = 50_000, IngestMetrics? metrics = null)
    {
        _settings = settings;
        _log = log;
        _metrics = metrics;
        _channel = Channel.CreateBounded<ConsumedRecord>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _thread = new Thread(Run) { IsBackground = true, Name = "holler-kafka-consumer" };
    }

    public ChannelReader<ConsumedRecord> Records => _channel.Reader;

    /// <summary>Completes when the polling thread has closed the consumer.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>Last committed next-offset per partition.</summary>
    public IReadOnlyDictionary<int, long> Committed => _committed;

    /// <summary>Log-end offset per partition as last seen.</summary>
    public IReadOnlyDictionary<int, long> LogEnd => _logEnd;

    public void Start() => _thread.Start();

    /// <summary>Queues a commit of next-offsets per partition; done on the polling thread.</summary>
    public void Commit(IReadOnlyDictionary<int, long> nextOffsets) => _commits.Enqueue(nextOffsets);

    public ConsumerConfig BuildConfig()
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = _settings.BootstrapServers,
            GroupId = _settings.GroupId,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = (int)_settings.Session.TotalMilliseconds,
            HeartbeatIntervalMs = Math.Max(100, (int)_settings.Session.TotalMilliseconds / 4),
            // The default 500 ms fetch wait caps the embedded broker at ~50k records/s (see
            // docs/architecture.md#the-embedded-kafka-broker).
            FetchWaitMaxMs = 10,
            EnablePartitionEof = false,
            ClientId = "holler-ingest-" + Environment.MachineName,
            // librdkafka keeps asking for the high watermark of assigned partitions while statistics are on, so the
            // log end (and with it the lag) stays fresh while the stream is back-pressured and nothing is fetched.
            StatisticsIntervalMs = 5000,
        };
        if (_settings.GroupInstanceId.Length > 0) config.GroupInstanceId = _settings.GroupInstanceId;
        if (_settings.ExtraConsumerConfig is { } extra)
            foreach (var (key, value) in extra) config.Set(key, value);
        return config;
    }

    private void Run()
    {
        IConsumer<byte[], byte[]>? consumer = null;
        try
        {
            consumer = new ConsumerBuilder<byte[], byte[]>(BuildConfig())
                .SetErrorHandler((_, e) =>
                {
                    if (e.IsFatal) _log.LogError("Kafka consumer fatal error: {Reason}", e.Reason);
                    else WarnNow($"Kafka consumer ({_settings.BootstrapServers}, topic {_settings.Topic}): {e.Reason}");
                })
                .SetLogHandler((_, m) => _log.LogDebug("librdkafka {Facility}: {Message}", m.Facility, m.Message))
                .SetStatisticsHandler((_, json) => NoteHighWatermarks(json))
                .SetPartitionsAssignedHandler((c, parts) =>
                {
                    // Positions restart at the committed offsets: a first record past one is a gap too, the records
                    // since it deleted while no consumer read them (a node down longer than the broker's retention).
                    foreach (var part in parts) _lastOffset.Remove(part.Partition.Value);
                    var starts = StartOffsets(c, parts);
                    _log.LogInformation("Ingest assigned partitions [{Partitions}] of {Topic}",
                        string.Join(",", parts.Select(p => p.Partition.Value)), _settings.Topic);
                    return starts;
                })
                .SetPartitionsRevokedHandler((c, parts) =>
                {
                    // Commit what is durable before the partitions move; the rest will be redelivered and deduplicated.
                    DrainCommits(c);
                    // Progress of partitions that moved is their new owner's to report.
                    foreach (var part in parts)
                    {
                        _committed.TryRemove(part.Partition.Value, out _);
                        _logEnd.TryRemove(part.Partition.Value, out _);
                    }
                    _log.LogInformation("Ingest revoked partitions [{Partitions}]", string.Join(",", parts.Select(p => p.Partition.Value)));
                })
                .Build();
            consumer.Subscribe(_settings.Topic);
            var token = _stop.Token;
            while (!token.IsCancellationRequested)
            {
                DrainCommits(consumer);
                ConsumeResult<byte[], byte[]>? result;
                try { result = consumer.Consume(TimeSpan.FromMilliseconds(100)); }
                catch (ConsumeException e) when (!e.Error.IsFatal)
                {
                    // E.g. the topic does not exist yet (it is created on first produce): keep polling, and say so.
                    WarnNow($"Kafka consume from topic {_settings.Topic}: {e.Error.Reason}");
                    continue;
                }
                if (result?.Message is null) continue;
                var logEnd = LogEndOf(consumer, result.TopicPartition);
                NoteOffset(result.Partition.Value, result.Offset.Value);
                var record = new ConsumedRecord(result.Message.Key, result.Message.Value ?? [], result.Partition.Value, result.Offset.Value, logEnd);
                while (!_channel.Writer.TryWrite(record))
                {
                    // Full: the stream is behind. Keep committing while waiting so durable progress is not held back.
                    DrainCommits(consumer);
                    try { _channel.Writer.WaitToWriteAsync(token).AsTask().Wait(TimeSpan.FromMilliseconds(100)); }
                    catch (AggregateException) when (token.IsCancellationRequested) { break; }
                    if (token.IsCancellationRequested) break;
                }
            }
            DrainCommits(consumer);
        }
        catch (Exception e)
        {
            // Anything escaping this thread would take the process down; the stream restarts from committed offsets.
            _log.LogError(e, "Kafka consumer stopped: {Reason}", e.Message);
            _channel.Writer.TryComplete(e);
        }
        finally
        {
            try { consumer?.Close(); }
            catch (KafkaException e) { _log.LogDebug("Closing the Kafka consumer: {Reason}", e.Message); }
            consumer?.Dispose();
            _channel.Writer.TryComplete();
            _stopped.TrySetResult();
        }
    }

    // Starts "just warned": a topic that does not exist for the first seconds (the generator creates it) is normal.
    private long _lastWarningTicks = Environment.TickCount64;

    /// <summary>Broker trouble repeats every poll; one warning per 30 s is enough to see it without drowning in it.</summary>
    private void WarnNow(string message)
    {
        var now = Environment.TickCount64;
        if (now - Interlocked.Read(ref _lastWarningTicks) < 30_000) return;
        Interlocked.Exchange(ref _lastWarningTicks, now);
        _log.LogWarning("{Message}", message);
    }

    private long LogEndOf(IConsumer<byte[], byte[]> consumer, TopicPartition partition)
    {
        // Cached by librdkafka from fetch responses: no broker round trip.
        var high = consumer.GetWatermarkOffsets(partition).High;
        var value = high.IsSpecial ? -1 : high.Value;
        if (value >= 0) _logEnd[partition.Partition.Value] = value;
        return value;
    }

    /// <summary>Takes each assigned partition's high watermark from librdkafka's statistics (JSON, every few seconds).</summary>
    private void NoteHighWatermarks(string statistics)
    {
        try
        {
            using var doc = JsonDocument.Parse(statistics);
            if (!doc.RootElement.TryGetProperty("topics", out var topics) || !topics.TryGetProperty(_settings.Topic, out var topic)
                || !topic.TryGetProperty("partitions", out var partitions)) return;
            foreach (var p in partitions.EnumerateObject())
            {
                if (!int.TryParse(p.Name, out var partition) || partition < 0) continue;
                var assigned = p.Value.TryGetProperty("fetch_state", out var state) && state.GetString() is not (null or "none" or "stopped");
                if (assigned && p.Value.TryGetProperty("hi_offset", out var hi) && hi.TryGetInt64(out var high) && high >= 0)
                    _logEnd[partition] = high;
            }
        }
        catch (JsonException e)
        {
            _log.LogDebug("Unreadable librdkafka statistics: {Reason}", e.Message);
        }
    }

    /// <summary>
    /// Counts offsets skipped between consecutive records of a partition: a consumer that fell further behind than the
    /// broker's retention (the embedded broker keeps ~5 MB per partition) silently loses those records.
    /// </summary>
    private void NoteOffset(int partition, long offset)
    {
        if (_lastOffset.TryGetValue(partition, out var last) && offset > last + 1)
        {
            _metrics?.AddSkippedOffsets(offset - last - 1);
            WarnNow($"Kafka partition {partition} skipped from offset {last} to {offset}: records were deleted before they were read");
        }
        _lastOffset[partition] = offset;
    }

    /// <summary>
    /// Where each newly assigned partition starts: its committed offset, unless the broker already deleted the records
    /// there. Then a quarter into what it still holds, not its first record: on a busy partition the log start moves
    /// on while the consumer resets to it and fetches, and librdkafka's reset to the earliest offset chased it for
    /// minutes (one partition of a node SIGKILLed at 4,000 events/s, with the embedded broker, was never read again).
    /// The records jumped over are counted as skipped either way (see <see cref="NoteOffset"/>).
    /// </summary>
    private List<TopicPartitionOffset> StartOffsets(IConsumer<byte[], byte[]> consumer, List<TopicPartition> parts)
    {
        var starts = parts.Select(p => new TopicPartitionOffset(p, Offset.Unset)).ToList();
        try
        {
            var committed = consumer.Committed(parts, TimeSpan.FromSeconds(5));
            for (var i = 0; i < starts.Count; i++)
            {
                var at = committed.FirstOrDefault(c => c.TopicPartition == starts[i].TopicPartition)?.Offset.Value ?? -1;
                if (at < 0) continue;
                _lastOffset[starts[i].Partition.Value] = at - 1;
                var held = consumer.QueryWatermarkOffsets(starts[i].TopicPartition, TimeSpan.FromSeconds(5));
                if (at >= held.Low.Value || held.High.Value <= held.Low.Value) continue;
                var start = held.Low.Value + (held.High.Value - held.Low.Value) / 4;
                WarnNow($"Kafka partition {starts[i].Partition.Value}: records from the committed offset {at} to {held.Low.Value} were deleted before they were read; starting at {start}");
                starts[i] = new TopicPartitionOffset(starts[i].TopicPartition, start);
            }
        }
        catch (KafkaException e)
        {
            // Only the gap count and the jump depend on it: consuming goes on from the committed offsets either way.
            _log.LogWarning("Committed offsets of newly assigned partitions not read ({Reason})", e.Error.Reason);
        }
        return starts;
    }

    private void DrainCommits(IConsumer<byte[], byte[]> consumer)
    {
        Dictionary<int, long>? merged = null;
        while (_commits.TryDequeue(out var offsets))
        {
            merged ??= new Dictionary<int, long>();
            foreach (var (partition, offset) in offsets)
                if (!merged.TryGetValue(partition, out var current) || offset > current) merged[partition] = offset;
        }
        if (merged is null) return;
        // Commit only what this consumer still owns: a late commit for a partition that moved would rewind its new owner.
        var owned = consumer.Assignment.Where(tp => tp.Topic == _settings.Topic).Select(tp => tp.Partition.Value).ToHashSet();
        foreach (var partition in merged.Keys.Where(p => !owned.Contains(p)).ToList()) merged.Remove(partition);
        if (merged.Count == 0) return;
        try
        {
            consumer.Commit(merged.Select(kv => new TopicPartitionOffset(_settings.Topic, kv.Key, kv.Value)));
            foreach (var (partition, offset) in merged) _committed[partition] = offset;
        }
        catch (KafkaException e)
        {
            // Typically a partition moved to another consumer; its records will be redelivered and skipped by watermark.
            _log.LogWarning("Offset commit failed ({Reason}); uncommitted records will be redelivered and deduplicated", e.Error.Reason);
        }
    }

    public void Stop() => _stop.Cancel();

    public void Dispose()
    {
        Stop();
        if (_thread.IsAlive) _thread.Join(TimeSpan.FromSeconds(30));
        _stop.Dispose();
    }
}
