using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Akka.Streams;
using Confluent.Kafka;
using Holler.Domain.Fleet;
using Holler.Fleet;
using Holler.Host.Node;
using Holler.Ingest;
using Microsoft.Extensions.Logging.Abstractions;

namespace Holler.Host.Commands.Bench;

/// <summary>
/// Holler's side of a kafka round: what a node's ingest runs (<see cref="KafkaPollingConsumer"/> into
/// <see cref="IngestPipeline"/>: micro-batch, parse, deliver to the node's trackers, wait for their acknowledgements,
/// commit), started for the round and stopped after it, so nothing reads while the topic is filled. Each round is a
/// new consumer group whose offsets the bench commits at the round's start first: the trackers' offset watermarks carry
/// over from round to round as in a node, so the round's records are new to them, and none before it is read again.
/// </summary>
public sealed class HollerRound
{
    private readonly HollerNode _node;
    private readonly string _bootstrap;
    private readonly string _topic;
    private readonly IngestMetrics _metrics = new();
    // One for every round, as a node's ingest keeps its own across stream restarts (its id pool stays warm).
    private readonly BatchDelivery _delivery;
    private int _round;

    public HollerRound(HollerNode node, EventCorpus corpus, string bootstrap, string topic)
    {
        _node = node;
        _bootstrap = bootstrap;
        _topic = topic;
        // The node's path counts every event for the fleet views too (nobody drains this recorder: it stays bounded).
        _delivery = new BatchDelivery(node.Trackers, node.Config.Shards, _metrics, node.Config.ParseLimits, TimeProvider.System,
            node.Config.AckTimeout, NullLogger.Instance, new FleetRecorder(new FleetDirectory(corpus.Catalog)), node.Config.Checkpoints);
    }

    /// <summary>Reads the records from <paramref name="start"/> until the trackers have applied <paramref name="records"/>.</summary>
    public async Task<KafkaRead> ReadAsync(long[] start, long records, TimeSpan timeout, CancellationToken token)
    {
        var group = $"bench-holler-{++_round}-{Guid.NewGuid():N}";
        CommitStart(group, start);
        var metrics = _metrics;
        var appliedAtStart = metrics.Applied;
        var rejectedAtStart = metrics.Rejected.Total;
        var finished = new TaskCompletionSource<ProcessStats>(TaskCreationOptions.RunContinuationsAsynchronously);
        var settings = new KafkaIngestSettings(_bootstrap, _topic, group, SessionTimeout: TimeSpan.FromSeconds(6));
        using var consumer = new KafkaPollingConsumer(settings, NullLogger.Instance, metrics: _metrics);
        var skippedAtStart = _metrics.SkippedOffsets;
        var reader = new FirstReadClock(consumer.Records);
        consumer.Start();
        using var stopping = new CancellationTokenSource();
        var (killSwitch, done) = IngestPipeline.Run(reader, _delivery, _node.Config.BatchMaxRecords, _node.Config.BatchDelay,
            offsets =>
            {
                if (offsets.Count > 0) consumer.Commit(offsets);
            },
            deadLetters: null, _node.System.Materializer(), stopping.Token,
            delivered: () =>
            {
                if (metrics.Applied - appliedAtStart >= records) finished.TrySetResult(ProcessStats.Now());
            });
        try
        {
            try { await Task.WhenAny(finished.Task, done).WaitAsync(timeout, token); }
            catch (TimeoutException)
            {
                throw new TimeoutException($"Holler's ingest applied {metrics.Applied - appliedAtStart:N0} of {records:N0} records in {timeout.TotalSeconds:N0} s");
            }
            if (!finished.Task.IsCompleted)
            {
                await done;
                throw new InvalidOperationException("Holler's ingest stream ended before the round was applied");
            }
            var end = finished.Task.Result;
            var applied = metrics.Applied - appliedAtStart;
            if (applied != records || metrics.Rejected.Total != rejectedAtStart || _metrics.SkippedOffsets != skippedAtStart)
                throw new InvalidOperationException($"Holler's ingest applied {applied:N0} of {records:N0} records, rejected {metrics.Rejected.Total - rejectedAtStart:N0}, skipped {_metrics.SkippedOffsets - skippedAtStart:N0} offsets");
            var delta = end - reader.First!.Value;
            return new KafkaRead(applied, delta.Elapsed.TotalSeconds, delta.Cpu.TotalSeconds);
        }
        finally
        {
            // The kill switch first: a delivery or flush in flight finishes, so stopping is not logged as a failure.
            killSwitch.Shutdown();
            try { await done.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None); }
            catch (Exception) { /* stopped after its result was read */ }
            stopping.Cancel();
            consumer.Stop();
        }
    }

    private void CommitStart(string group, long[] start)
    {
        using var committer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = _bootstrap,
            GroupId = group,
            EnableAutoCommit = false,
        }).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        var offsets = start.Select((offset, p) => new TopicPartitionOffset(_topic, p, offset)).ToList();
        committer.Assign(offsets);
        committer.Commit(offsets);
        committer.Close();
    }

    /// <summary>The ingest's channel, noting this process's CPU and the time when the stream takes its first record.</summary>
    private sealed class FirstReadClock(ChannelReader<ConsumedRecord> inner) : ChannelReader<ConsumedRecord>
    {
        public ProcessStats? First { get; private set; }

        public override Task Completion => inner.Completion;

        public override bool TryRead([MaybeNullWhen(false)] out ConsumedRecord item)
        {
            if (!inner.TryRead(out item)) return false;
            First ??= ProcessStats.Now();
            return true;
        }

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => inner.WaitToReadAsync(cancellationToken);
    }
}
