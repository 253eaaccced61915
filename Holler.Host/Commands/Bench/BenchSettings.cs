namespace Holler.Host.Commands.Bench;

/// <summary>What <c>holler bench</c> runs and how long.</summary>
public sealed record BenchSettings
{
    public IReadOnlyList<string> Scenarios { get; init; } = ["engine", "kafka", "freshness", "scale"];
    public int Businesses { get; init; } = 200_000;
    public double Zipf { get; init; } = 1.0;
    /// <summary>Measured time of the engine scenario, after <see cref="Warmup"/>.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Time Holler's ingest spends applying the pre-filled rounds of the kafka scenario, summed: rounds go on
    /// (at least <see cref="KafkaMinRounds"/>) until it is reached.</summary>
    public TimeSpan KafkaDuration { get; init; } = TimeSpan.FromSeconds(5);
    public const int KafkaMinRounds = 3;
    public const int KafkaMaxRounds = 200;
    /// <summary>Rounds of the kafka scenario read, by both consumers, before the measured ones.</summary>
    public int KafkaWarmupRounds { get; init; } = 1;
    /// <summary>How long each offered rate of the kafka-steps scenario is held.</summary>
    public TimeSpan KafkaStep { get; init; } = TimeSpan.FromSeconds(5);
    public double KafkaStartRate { get; init; } = 2_000;
    public double KafkaRateFactor { get; init; } = 1.5;
    public double KafkaMaxRate { get; init; } = 2_000_000;
    public IReadOnlyList<double> FreshnessRates { get; init; } = [4_000, 100_000];
    public TimeSpan FreshnessDuration { get; init; } = TimeSpan.FromSeconds(30);
    public IReadOnlyList<int> ScaleBusinesses { get; init; } = [10_000, 100_000, 1_000_000];
    public double ScaleRate { get; init; } = 20_000;
    public TimeSpan ScaleDuration { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>How long each receiver behaviour of the alerts scenario lasts (offered rate: <see cref="ScaleRate"/>).</summary>
    public TimeSpan AlertsPhase { get; init; } = TimeSpan.FromSeconds(30);
    public int CorpusEvents { get; init; } = 500_000;
    public string Persistence { get; init; } = "memory";
    public int BatchRecords { get; init; } = 20_000;
    public int BatchDelayMs { get; init; } = 200;
    /// <summary>Events/s whose minute rows the history scenario writes.</summary>
    public double HistoryRate { get; init; } = 20_000;
    /// <summary>PostgreSQL for the history scenario; empty for SQLite in a temporary folder.</summary>
    public string? HistoryConnectionString { get; init; }
    /// <summary>The node's Ingest:BatchLingerMs: how long micro-batches may wait to fill while traffic is light.</summary>
    public int BatchLingerMs { get; init; } = Configuration.IngestOptionsSection.DefaultBatchLingerMs;

    /// <summary>The node's Ingest:CheckpointBytes in engine, scale and recovery (a larger one suits a Kafka with long retention).</summary>
    public long CheckpointBytes { get; init; } = Holler.Ingest.CheckpointTriggers.DefaultBytes;
    /// <summary>Whether the node's trackers keep dimension breakdowns (<c>Dimensions:Enabled</c>): the pair of runs that
    /// prices them.</summary>
    public bool Dimensions { get; init; } = true;
    /// <summary>Offered events/s while the recovery scenario's node is killed and restarted.</summary>
    public double RecoveryRate { get; init; } = 4_000;
    /// <summary>Businesses in the recovery scenario: each one's total is checked against what was produced.</summary>
    public int RecoveryBusinesses { get; init; } = 10_000;
    /// <summary>Traffic before the recovery scenario's kill, and after the node caught up again.</summary>
    public TimeSpan RecoveryPhase { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>Partitions of the recovery scenario's topic: as many as <c>holler kafka-dev</c> and a node's own broker
    /// give theirs.</summary>
    public int RecoveryPartitions { get; init; } = Holler.Kafka.EmbeddedKafka.DefaultPartitions;

    /// <summary>The node's checkpoint triggers with <see cref="CheckpointBytes"/>.</summary>
    public Holler.Ingest.CheckpointTriggers CheckpointTriggersFor() => Holler.Ingest.CheckpointTriggers.Default with { Bytes = CheckpointBytes };
}
