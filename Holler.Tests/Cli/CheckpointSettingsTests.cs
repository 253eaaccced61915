using Holler.Host.Configuration;
using Holler.Ingest;

namespace Holler.Tests.Cli;

/// <summary>The ingest's checkpoint triggers (Ingest:Checkpoint…) as settings: checked, and handed to the ingest.</summary>
public sealed class CheckpointSettingsTests
{
    private const string Kafka = "127.0.0.1:9092";

    [Fact]
    public void Unset_the_triggers_are_the_defaults_that_suit_the_embedded_broker()
    {
        var (config, errors) = NodeConfigValidator.Resolve(new HollerOptions());

        Assert.Empty(errors);
        Assert.Equal(CheckpointTriggers.Default, config!.Checkpoints);
        Assert.Equal(1L << 20, config.Checkpoints.Bytes);
    }

    [Fact]
    public void A_real_kafka_may_have_a_larger_bytes_trigger_and_every_trigger_reaches_the_config()
    {
        var (config, errors) = NodeConfigValidator.Resolve(new HollerOptions
        {
            Kafka = { Bootstrap = Kafka },
            Ingest = { CheckpointBytes = 256L << 20, CheckpointMaxDelaySeconds = 120, CheckpointMinIntervalSeconds = 20 },
        });

        Assert.Empty(errors);
        Assert.Equal(new CheckpointTriggers(256L << 20, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(20)), config!.Checkpoints);
    }

    [Theory]
    [InlineData(Kafka, 1000L, 30, 5, "Ingest:CheckpointBytes must be between 65536 and 1099511627776, was 1000")]
    [InlineData(Kafka, 1L << 41, 30, 5, "Ingest:CheckpointBytes must be between 65536 and 1099511627776, was 2199023255552")]
    [InlineData("", 8L << 20, 30, 5, "Ingest:CheckpointBytes must be at most 4194304 with the embedded broker")]
    [InlineData(Kafka, 1L << 20, 0, 5, "Ingest:CheckpointMaxDelaySeconds must be between 1 and 86400, was 0")]
    [InlineData(Kafka, 1L << 20, 30, -1, "Ingest:CheckpointMinIntervalSeconds must be between 0 and 3600, was -1")]
    public void A_bad_trigger_is_one_line_naming_the_setting(string bootstrap, long bytes, int maxDelay, int minInterval, string expected)
    {
        var (config, errors) = NodeConfigValidator.Resolve(new HollerOptions
        {
            Kafka = { Bootstrap = bootstrap },
            Ingest = { CheckpointBytes = bytes, CheckpointMaxDelaySeconds = maxDelay, CheckpointMinIntervalSeconds = minInterval },
        });

        Assert.Null(config);
        Assert.StartsWith(expected, Assert.Single(errors));
    }
}
