using Confluent.Kafka;
using Holler.Ingest;
using Holler.Kafka;
using Holler.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Holler.Tests.Kafka;

/// <summary>The embedded broker creates the node's topic with more partitions than the mock's own 4, so a crashed dev
/// node finds its records still there (docs/architecture.md#snapshots-and-the-journal); and static membership reaches
/// the consumer's configuration.</summary>
public sealed class EmbeddedKafkaTests
{
    [Fact]
    public void A_created_topic_has_the_partitions_asked_for_and_one_used_first_has_the_mocks_four()
    {
        using var broker = EmbeddedKafka.Start();
        broker.CreateTopic("created");
        broker.CreateTopic("created", 3); // exists: left as it is

        Assert.Equal(EmbeddedKafka.DefaultPartitions, PartitionsOf(broker.BootstrapServers, "created"));
        Assert.Equal(4, PartitionsOf(broker.BootstrapServers, "used-first"));
    }

    [Fact]
    public async Task Kafka_dev_creates_the_nodes_topic_with_the_default_partitions()
    {
        await using var broker = HollerProcess.Start("broker", ["kafka-dev"]);
        var bootstrap = (await broker.FirstStdoutLine.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken)).Trim();

        Assert.Equal(EmbeddedKafka.DefaultPartitions, PartitionsOf(bootstrap, "holler.traffic"));
    }

    [Fact]
    public void A_group_instance_id_makes_the_consumer_a_static_member_and_none_leaves_it_dynamic()
    {
        using var stat = new KafkaPollingConsumer(new KafkaIngestSettings("127.0.0.1:9", GroupInstanceId: "node-a"), NullLogger.Instance);
        using var dynamic = new KafkaPollingConsumer(new KafkaIngestSettings("127.0.0.1:9"), NullLogger.Instance);

        Assert.Equal("node-a", stat.BuildConfig().GroupInstanceId);
        Assert.Null(dynamic.BuildConfig().GroupInstanceId);
    }

    private static int PartitionsOf(string bootstrap, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).SetLogHandler((_, _) => { }).Build();
        // The mock creates an unknown topic on a metadata request naming it, as on first use.
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(30));
        return Assert.Single(metadata.Topics).Partitions.Count;
    }
}
