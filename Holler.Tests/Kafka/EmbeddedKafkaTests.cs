using Confluent.Kafka;
using Holler.Ingest;
using Holler.Kafka;
using Holler.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Holler.Tests.Kafka;

/// <summary>The embedded broker creates a topic with the partitions asked for, which the mock's CreateTopics refusal
/// and its fixed 4 on first use would not allow (docs/architecture.md#the-embedded-kafka-broker); and static membership
/// reaches the consumer's configuration.</summary>
public sealed class EmbeddedKafkaTests
{
    [Fact]
    public void A_created_topic_has_the_partitions_asked_for_and_one_used_first_has_the_mocks_four()
    {
        using var broker = EmbeddedKafka.Start();
        broker.CreateTopic("created", 16);
        broker.CreateTopic("created", 3); // exists: left as it is

        Assert.Equal(16, PartitionsOf(broker.BootstrapServers, "created"));
        Assert.Equal(4, PartitionsOf(broker.BootstrapServers, "used-first"));
    }

    [Fact]
    public async Task Kafka_dev_creates_the_nodes_topic_with_the_partitions_asked_for()
    {
        await using var broker = HollerProcess.Start("broker", ["kafka-dev", "--partitions", "8"]);
        var bootstrap = (await broker.FirstStdoutLine.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken)).Trim();

        Assert.Equal(8, PartitionsOf(bootstrap, "holler.traffic"));
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
