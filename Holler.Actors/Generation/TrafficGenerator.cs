using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Holler.Domain.Catalog;

namespace Holler.Generation;

/// <summary>
/// Plays a <see cref="TrafficPlan"/> into Kafka at its event-time rate × Speedup: key = business id,
/// value = contract JSON, Kafka timestamp = event time. Broker trouble is counted, not thrown.
/// </summary>
public static class TrafficGenerator
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan QueueFullBackoff = TimeSpan.FromMilliseconds(5);

    /// <exception cref="ArgumentException">An option, plan setting or producer property is unusable.</exception>
    public static Task<GeneratorResult> RunAsync(GeneratorOptions options, IProgress<GeneratorProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        // Pin "now" once, so the truth, the result and the events all share one event-time origin.
        var settings = options.Plan.StartMs is null
            ? options.Plan with { StartMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }
            : options.Plan;
        var plan = new TrafficPlan(settings);
        var producer = BuildProducer(options, out var counters, plan.Catalog.Count);
        // Producing blocks (queue back-pressure, flush), so the run gets its own thread rather than a pool thread.
        return Task.Factory.StartNew(() =>
        {
            try
            {
                return new Run(options, plan, producer, counters, progress, cancellationToken).Execute();
            }
            finally
            {
                producer.Dispose();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private static IProducer<byte[], byte[]> BuildProducer(GeneratorOptions options, out DeliveryCounters counters, int businesses)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = "holler-generate",
            Acks = Acks.All,
            // A few ms of batching buys most of the throughput without making the stream visibly bursty.
            LingerMs = 5,
            // librdkafka's default (5 min) would hold a run against a dead broker hostage for that long.
            MessageTimeoutMs = 30_000,
        };
        foreach (var (key, value) in options.ExtraProducerConfig) config.Set(key, value);

        var tally = new DeliveryCounters(businesses);
        counters = tally;
        try
        {
            return new ProducerBuilder<byte[], byte[]>(config)
                .SetErrorHandler((_, error) => tally.LastError = error.Reason)
                .SetLogHandler((_, _) => { })
                .Build();
        }
        catch (Exception e) when (e is KafkaException or InvalidOperationException or ArgumentException)
        {
            throw new ArgumentException($"Kafka producer configuration rejected: {e.Message}", nameof(options), e);
        }
    }

    private sealed class Run(
        GeneratorOptions options,
        TrafficPlan plan,
        IProducer<byte[], byte[]> producer,
        DeliveryCounters counters,
        IProgress<GeneratorProgress>? progress,
        CancellationToken cancellation)
    {
        private readonly TrafficCursor _cursor = plan.CreateCursor();
        private readonly EventJson _json = new(plan.Catalog, plan.Settings.Seed, plan.Settings.ErrorShare);
        private readonly byte[]?[] _keys = new byte[]?[plan.Catalog.Count];
        private readonly Stopwatch _clock = new();
        private StreamWriter? _truth;
        private int _surgesWritten;
        private long _produced;
        private long _eventTimeMs = plan.StartMs;
        private long _lastEventMs = plan.StartMs - 1;
        private TimeSpan _lastReport;
        private long _sentAtLastReport;

        public GeneratorResult Execute()
        {
            using var truth = _truth = options.TruthPath is { } path ? OpenTruth(path) : null;
            _clock.Start();
            var cancelled = false;
            while (true)
            {
                if (cancellation.IsCancellationRequested || !ProduceDue())
                {
                    cancelled = true;
                    break;
                }
                WriteStartedSurges(ReachedMs());
                ReportIfDue();
                if (_cursor.IsFinished) break;
                if (cancellation.WaitHandle.WaitOne(options.Tick))
                {
                    cancelled = true;
                    break;
                }
            }

            // Where event time stopped: the plan's end, just past a count-limited plan's last event, or as far as was sent when cancelled.
            var endMs = cancelled
                ? Math.Min(ReachedMs(), plan.EndMs ?? long.MaxValue)
                : plan.EndMs ?? _lastEventMs + 1;
            WriteStartedSurges(endMs);
            Drain(cancelled ? options.CancelFlushTimeout : options.FlushTimeout);
            _clock.Stop();
            var sent = counters.Sent;
            var errors = _produced - sent;
            if (errors > counters.Failed) counters.LastError ??= $"{errors - counters.Failed} messages unacknowledged when the run ended";
            Report(errors, endMs);
            return new GeneratorResult(
                sent, errors, _produced, _clock.Elapsed, DeliveredPerBusiness(),
                [.. plan.SurgesStartingBefore(endMs).Select(s => s.ToTruth(plan.Catalog, endMs))],
                plan.StartMs, endMs, cancelled, counters.LastError);
        }

        /// <summary>Sends everything whose event time the wall clock has reached; false if cancelled meanwhile.</summary>
        private bool ProduceDue()
        {
            _eventTimeMs = plan.StartMs + (long)(_clock.Elapsed.TotalMilliseconds * options.Speedup);
            if (options.CatchUpToWallClock) _eventTimeMs = Math.Min(_eventTimeMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            while (_cursor.TryNext(_eventTimeMs, out var next))
            {
                var sequence = _cursor.Sequence - 1;
                var message = new Message<byte[], byte[]>
                {
                    Key = _keys[next.BusinessIndex] ??= Encoding.UTF8.GetBytes(plan.Catalog[next.BusinessIndex].Id),
                    Value = _json.Write(next.BusinessIndex, next.TimestampMs, sequence, plan.ShapeOf(next)).ToArray(),
                    Timestamp = new Timestamp(next.TimestampMs, TimestampType.CreateTime),
                };
                if (!Produce(message, next.BusinessIndex)) return false;
                _lastEventMs = next.TimestampMs;
                // A big Speedup can make one tick's batch long; stay responsive inside it.
                if ((_produced & 4095) == 0)
                {
                    if (cancellation.IsCancellationRequested) return false;
                    WriteStartedSurges(ReachedMs());
                    ReportIfDue();
                }
            }
            return true;
        }

        private bool Produce(Message<byte[], byte[]> message, int business)
        {
            while (true)
            {
                try
                {
                    producer.Produce(options.Topic, message, counters.HandlerFor(business));
                    _produced++;
                    return true;
                }
                catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    // The local queue is the back-pressure: wait for deliveries to make room instead of dropping.
                    if (cancellation.WaitHandle.WaitOne(QueueFullBackoff)) return false;
                }
                catch (ProduceException<byte[], byte[]> e)
                {
                    counters.LastError = e.Error.Reason;
                    counters.AddUnreported(1);
                    _produced++;
                    return true;
                }
            }
        }

        /// <summary>Waits for in-flight messages; whatever is still unacknowledged at the deadline counts as an error.</summary>
        private void Drain(TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            while (Outstanding() > 0 && deadline.Elapsed < timeout)
            {
                var left = timeout - deadline.Elapsed;
                producer.Flush(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
                ReportIfDue();
            }
            // Disposing joins librdkafka's callback thread, so the counters are final afterwards and
            // anything never acknowledged is simply Produced − Sent.
            producer.Dispose();
        }

        private long Outstanding() => _produced - counters.Sent - counters.Failed;

        private StreamWriter OpenTruth(string path)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null) Directory.CreateDirectory(directory);
            // Flushed per line: a detector scoring itself live tails this file while the run goes on.
            return new StreamWriter(path, append: false, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        }

        /// <summary>
        /// Exclusive event time up to which every event has been handed to the producer: the wall clock's
        /// event time while keeping up, the next unsent event while the producer lags behind it.
        /// </summary>
        private long ReachedMs() => Math.Min(_eventTimeMs + 1, _cursor.PeekTimestampMs());

        private void WriteStartedSurges(long reachedMs)
        {
            if (!plan.HasSurges) return;
            var end = Math.Min(reachedMs, plan.EndMs ?? long.MaxValue);
            while (plan.SurgeStartMs(_surgesWritten) < end)
            {
                _truth?.WriteLine(plan.Surge(_surgesWritten).ToTruth(plan.Catalog).ToJsonLine());
                _surgesWritten++;
            }
        }

        private void ReportIfDue()
        {
            if (_clock.Elapsed - _lastReport >= ProgressInterval) Report(counters.Failed, ReachedMs());
        }

        private void Report(long errors, long eventTimeMs)
        {
            var now = _clock.Elapsed;
            var sent = counters.Sent;
            var seconds = (now - _lastReport).TotalSeconds;
            var rate = seconds > 0 ? (sent - _sentAtLastReport) / seconds : 0;
            _lastReport = now;
            _sentAtLastReport = sent;
            progress?.Report(new GeneratorProgress(rate, sent, errors, _produced, now, eventTimeMs, _surgesWritten, counters.LastError));
        }

        private IReadOnlyDictionary<string, long> DeliveredPerBusiness()
        {
            var result = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var i = 0; i < plan.Catalog.Count; i++)
                if (counters.DeliveredTo(i) is var count and > 0)
                    result[plan.Catalog[i].Id] = count;
            return result;
        }
    }
}
