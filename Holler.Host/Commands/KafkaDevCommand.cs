using System.CommandLine;
using Holler.Host.Configuration;
using Holler.Kafka;

namespace Holler.Host.Commands;

/// <summary><c>holler kafka-dev</c>: the embedded broker as its own process, so nodes can be killed and restarted
/// around it.</summary>
public static class KafkaDevCommand
{
    /// <summary>The session a node against this broker restarts fastest with; a real Kafka refuses less than 6 s by
    /// default (group.min.session.timeout.ms), so it is not the node's default.</summary>
    public const int DevSessionTimeoutMs = 3000;

    public static Command Create()
    {
        var brokers = new Option<int>("--brokers") { Description = "Number of mock brokers", DefaultValueFactory = _ => 1 };
        var topic = new Option<string>("--topic")
        {
            Description = "Topic created at start with --partitions (others appear on first use with the mock's 4)",
            DefaultValueFactory = _ => new KafkaOptionsSection().Topic,
        };
        var partitions = new Option<int>("--partitions")
        {
            Description = $"Partitions of --topic (default {EmbeddedKafka.DefaultPartitions}; the broker keeps ~5 MB per partition, more spread the traffic thinner but are read back slower, see docs/performance.md#recovery-after-a-crash)",
            DefaultValueFactory = _ => EmbeddedKafka.DefaultPartitions,
        };
        var command = new Command("kafka-dev", "Run the embedded Kafka broker (librdkafka's mock cluster) until stopped; prints its bootstrap address")
        {
            brokers, topic, partitions,
        };
        command.SetAction(async (parse, token) =>
        {
            var count = parse.GetValue(brokers);
            var name = parse.GetValue(topic) ?? "";
            var partitionCount = parse.GetValue(partitions);
            string? error = null;
            if (count is < 1 or > 16) error = $"--brokers must be between 1 and 16, was {count}";
            else if (!KafkaOptionsSection.IsKafkaName(name)) error = $"--topic: '{name}' is not a Kafka topic name (1-249 of A-Z a-z 0-9 . _ -)";
            else if (partitionCount is < 1 or > EmbeddedKafka.MaxPartitions)
                error = $"--partitions must be between 1 and {EmbeddedKafka.MaxPartitions}, was {partitionCount}";
            if (error is not null)
            {
                await Console.Error.WriteLineAsync("holler: " + error);
                return ExitCodes.BadConfiguration;
            }
            using var broker = EmbeddedKafka.Start(count);
            broker.CreateTopic(name, partitionCount);
            // The first line is the address alone, so scripts can read it.
            Console.WriteLine(broker.BootstrapServers);
            await Console.Error.WriteLineAsync($"Embedded Kafka broker serving at {broker.BootstrapServers} (topic {name}: {partitionCount} partitions); Ctrl-C stops it (its topics are lost).");
            // It makes a joining member wait the joiner's own session less a second, however long the old one is dead.
            await Console.Error.WriteLineAsync($"Nodes restart sooner against it with --set Kafka:SessionTimeoutMs={DevSessionTimeoutMs} (see docs/architecture.md#the-embedded-kafka-broker).");
            try { await Task.Delay(Timeout.Infinite, token); }
            catch (OperationCanceledException) { }
            return ExitCodes.Ok;
        });
        return command;
    }
}
