using System.CommandLine;
using Holler.Kafka;

namespace Holler.Host.Commands;

/// <summary><c>holler kafka-dev</c>: the embedded broker as its own process, so nodes can be killed and restarted
/// around it.</summary>
public static class KafkaDevCommand
{
    public static Command Create()
    {
        var brokers = new Option<int>("--brokers") { Description = "Number of mock brokers", DefaultValueFactory = _ => 1 };
        var command = new Command("kafka-dev", "Run the embedded Kafka broker (librdkafka's mock cluster) until stopped; prints its bootstrap address")
        {
            brokers,
        };
        command.SetAction(async (parse, token) =>
        {
            var count = parse.GetValue(brokers);
            if (count is < 1 or > 16)
            {
                await Console.Error.WriteLineAsync($"holler: --brokers must be between 1 and 16, was {count}");
                return ExitCodes.BadConfiguration;
            }
            using var broker = EmbeddedKafka.Start(count);
            // The first line is the address alone, so scripts can read it.
            Console.WriteLine(broker.BootstrapServers);
            await Console.Error.WriteLineAsync($"Embedded Kafka broker serving at {broker.BootstrapServers}; Ctrl-C stops it (its topics are lost).");
            try { await Task.Delay(Timeout.Infinite, token); }
            catch (OperationCanceledException) { }
            return ExitCodes.Ok;
        });
        return command;
    }
}
