using System.Globalization;
using System.Runtime.InteropServices;
using static Holler.Kafka.MockClusterNative;

namespace Holler.Kafka;

/// <summary>
/// librdkafka's mock Kafka cluster (see docs/architecture.md#the-embedded-kafka-broker): real Kafka wire protocol on
/// loopback, living as long as this object. It is the embedded default broker and the test broker; production points at
/// Apache Kafka.
/// </summary>
public sealed class EmbeddedKafka : IDisposable
{
    /// <summary>
    /// Partitions of the topics this broker is asked to create (<see cref="CreateTopic"/>) unless told otherwise: the
    /// mock's own 4, as a topic created on first use gets. More spread keyed traffic thinner over the ~5 MB each keeps
    /// (the recovery benchmark's hottest partition: 37% of the bytes with 4, 19% with 16), but a consumer behind reads
    /// the mock no faster than one producer batch per partition and fetch, and batches get smaller with more partitions:
    /// with 16 a restarted node read ~2,300 events/s and never caught up on 4,000 (see
    /// docs/performance.md#recovery-after-a-crash).
    /// </summary>
    public const int DefaultPartitions = 4;

    public const int MaxPartitions = 256;

    // The mock cluster belongs to the client that created it; this client is only its owner.
    private readonly IntPtr _owner;
    private readonly IntPtr _cluster;
    private int _disposed;

    private EmbeddedKafka(IntPtr owner, IntPtr cluster, string bootstrapServers)
    {
        _owner = owner;
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Comma-separated host:port list any Kafka client (in this or another process) can use.</summary>
    public string BootstrapServers { get; }

    public static EmbeddedKafka Start(int brokers = 1)
    {
        if (brokers < 1) throw new ArgumentOutOfRangeException(nameof(brokers), "at least one broker");
        var conf = rd_kafka_conf_new();
        var error = new byte[512];
        // Its log would go to standard error, which is the node's log.
        foreach (var (key, value) in new[] { ("test.mock.num.brokers", brokers.ToString(CultureInfo.InvariantCulture)), ("log_level", "0") })
            if (rd_kafka_conf_set(conf, key, value, error, (UIntPtr)error.Length) != 0)
                throw new InvalidOperationException($"librdkafka refused {key}: {Text(error)}");
        var owner = rd_kafka_new(0 /* producer */, conf, error, (UIntPtr)error.Length);
        if (owner == IntPtr.Zero) throw new InvalidOperationException($"the embedded Kafka broker did not start: {Text(error)}");
        var cluster = rd_kafka_handle_mock_cluster(owner);
        var servers = cluster == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(cluster));
        if (string.IsNullOrEmpty(servers))
        {
            rd_kafka_destroy(owner);
            throw new InvalidOperationException("the embedded Kafka broker reported no brokers");
        }
        return new EmbeddedKafka(owner, cluster, servers);
    }

    /// <summary>Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions, before anyone uses it
    /// (a topic's first producer or consumer would create it with the mock's default of 4). An existing topic is left
    /// as it is.</summary>
    public void CreateTopic(string topic, int partitions = DefaultPartitions)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partitions, MaxPartitions);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        const int topicAlreadyExists = 36;
        var error = rd_kafka_mock_topic_create(_cluster, topic, partitions, 1);
        if (error != 0 && error != topicAlreadyExists)
            throw new InvalidOperationException($"the embedded Kafka broker did not create topic {topic}: error {error}");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) rd_kafka_destroy(_owner);
    }

    private static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes).TrimEnd('\0');
}
