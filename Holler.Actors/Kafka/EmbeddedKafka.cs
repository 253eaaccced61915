using Confluent.Kafka;

namespace Holler.Kafka;

/// <summary>
/// librdkafka's mock Kafka cluster (see docs/architecture.md#the-embedded-kafka-broker): real Kafka wire protocol on
/// loopback, living as long as this object. It is the embedded default broker and the test broker; production points at
/// Apache Kafka.
/// </summary>
public sealed class EmbeddedKafka : IDisposable
{
    // The mock cluster belongs to the client that created it; this producer is only its owner.
    private readonly IProducer<byte[], byte[]> _owner;

    private EmbeddedKafka(IProducer<byte[], byte[]> owner, string bootstrapServers)
    {
        _owner = owner;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Comma-separated host:port list any Kafka client (in this or another process) can use.</summary>
    public string BootstrapServers { get; }

    public static EmbeddedKafka Start(int brokers = 1)
    {
        if (brokers < 1) throw new ArgumentOutOfRangeException(nameof(brokers), "at least one broker");
        var config = new ProducerConfig { BootstrapServers = "localhost:0" };
        config.Set("test.mock.num.brokers", brokers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var owner = new ProducerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        try
        {
            using var admin = new DependentAdminClientBuilder(owner.Handle).Build();
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
            var servers = string.Join(",", metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
            if (servers.Length == 0) throw new InvalidOperationException("the embedded Kafka broker reported no brokers");
            return new EmbeddedKafka(owner, servers);
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }

    public void Dispose() => _owner.Dispose();
}
