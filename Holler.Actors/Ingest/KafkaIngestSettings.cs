namespace Holler.Ingest;

/// <summary>Where and how the ingest stream consumes.</summary>
/// <param name="BootstrapServers">Kafka brokers, host:port[,host:port]; the embedded broker's when running embedded.</param>
/// <param name="SessionTimeout">Kafka consumer session timeout. The embedded broker ignores LeaveGroup, so a restarted
/// consumer waits this long for its partitions; short keeps dev restarts quick.</param>
/// <param name="DeadLetterTopic">Where rejected records are copied, with the reason in a header; empty for none.</param>
/// <param name="MaxBatchRecords">Records per micro-batch at most.</param>
/// <param name="MaxBatchDelay">How long a micro-batch may wait to fill.</param>
/// <param name="AckTimeout">How long a tracker may take to make a batch durable before it is re-sent.</param>
/// <param name="GroupInstanceId">Kafka static membership (<c>group.instance.id</c>), empty for none: a real Kafka hands a
/// restarted member with the same id its partitions back at once, without waiting out the old session; librdkafka's mock
/// (the embedded broker) knows members by member id only and ignores it. A static member sends no LeaveGroup when it
/// stops, so its partitions wait out its session then.</param>
/// <param name="Checkpoints">When the ingest asks trackers for a checkpoint sooner; <see cref="CheckpointTriggers.Default"/> if null.</param>
public sealed record KafkaIngestSettings(
    string BootstrapServers,
    string Topic = "holler.traffic",
    string GroupId = "holler",
    TimeSpan? SessionTimeout = null,
    string DeadLetterTopic = "",
    int MaxBatchRecords = 20_000,
    TimeSpan? MaxBatchDelay = null,
    TimeSpan? AckTimeout = null,
    IReadOnlyDictionary<string, string>? ExtraConsumerConfig = null,
    CheckpointTriggers? Checkpoints = null,
    string GroupInstanceId = "")
{
    /// <summary>The longest a micro-batch waits while traffic is light (see <see cref="BatchLinger"/>); <see cref="BatchDelay"/> if null.</summary>
    public TimeSpan? MaxBatchLinger { get; init; }

    public TimeSpan Session => SessionTimeout ?? TimeSpan.FromSeconds(10);
    public TimeSpan BatchDelay => MaxBatchDelay ?? TimeSpan.FromMilliseconds(200);
    public TimeSpan Ack => AckTimeout ?? TimeSpan.FromSeconds(30);
}
