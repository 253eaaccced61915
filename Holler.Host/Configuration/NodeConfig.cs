using Holler.Domain;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;
using Holler.Leaderboard;
using Holler.Persistence;
using Holler.Tracking;

namespace Holler.Host.Configuration;

public enum NodeRole { Ingest, Tracker, Leaderboard, Web }

/// <summary>A node's settings, validated and resolved: what <see cref="HollerOptions"/> means for this node.</summary>
public sealed record NodeConfig
{
    public required IReadOnlySet<NodeRole> Roles { get; init; }
    public required string DataDir { get; init; }
    public required string Hostname { get; init; }
    public required int Port { get; init; }
    public required IReadOnlyList<string> SeedNodes { get; init; }
    /// <summary>Null when the node starts the embedded broker.</summary>
    public required string? KafkaBootstrap { get; init; }
    public required string Topic { get; init; }
    public required string GroupId { get; init; }
    public required TimeSpan SessionTimeout { get; init; }
    /// <summary>Kafka static membership, empty for none (<c>Kafka:GroupInstanceId</c>).</summary>
    public string GroupInstanceId { get; init; } = "";
    public required string DeadLetterTopic { get; init; }
    public required PersistenceProvider Persistence { get; init; }
    public required string JournalConnectionString { get; init; }
    public required string SnapshotConnectionString { get; init; }
    public required bool GeneratorEnabled { get; init; }
    public required GeneratorOptionsSection Generator { get; init; }
    public required CatalogOptionsSection Catalog { get; init; }
    public required TrackerSettings Tracker { get; init; }
    public required int Shards { get; init; }
    public required TimeSpan PassivateAfter { get; init; }
    public required LeaderboardSettings Leaderboard { get; init; }
    public required bool LeaderboardConsole { get; init; }
    /// <summary>The history store; null when History:Enabled is false.</summary>
    public HistoryConfig? History { get; init; }
    public required ParseLimits ParseLimits { get; init; }
    public required int BatchMaxRecords { get; init; }
    public required TimeSpan BatchDelay { get; init; }
    /// <summary>The longest a micro-batch waits while traffic is light (Ingest:BatchLingerMs); <see cref="BatchDelay"/> if null.</summary>
    public TimeSpan? BatchLinger { get; init; }
    public required TimeSpan AckTimeout { get; init; }
    /// <summary>When the ingest asks trackers for a checkpoint sooner (Ingest:Checkpoint…).</summary>
    public Holler.Ingest.CheckpointTriggers Checkpoints { get; init; } = Holler.Ingest.CheckpointTriggers.Default;
    /// <summary>Where the dashboard listens (used only with the web role).</summary>
    public required string WebHostname { get; init; }
    public required int WebPort { get; init; }
    /// <summary>Where the operator endpoint (commands, health, metrics) listens, on every node.</summary>
    public required string OperatorHostname { get; init; }
    public required int OperatorPort { get; init; }
    public required string OperatorToken { get; init; }
    /// <summary>The operator API's tokens, <see cref="OperatorToken"/> among them; replaced when the settings file changes.</summary>
    public IReadOnlyList<OperatorTokenEntry> OperatorTokens { get; init; } = [];
    /// <summary>Who may use the dashboard; users and roles are replaced when the settings file changes.</summary>
    public Holler.Web.Access.WebAccessSettings WebAccess { get; init; } = Holler.Web.Access.WebAccessSettings.Open;
    /// <summary>The settings as loaded, watching the --config file; null when nothing is watched (tests, no file).</summary>
    public Microsoft.Extensions.Configuration.IConfigurationRoot? LiveSettings { get; init; }

    /// <summary>Alert grouping, history and drill-down links (Alerts:…, Web:PublicUrl).</summary>
    public Holler.Domain.Alerts.AlertSettings Alerts { get; init; } = Holler.Domain.Alerts.AlertSettings.Default;
    /// <summary>Alert channels and how notifications are delivered (the alerts singleton's outbox).</summary>
    public required Holler.Domain.Alerts.DeliverySettings AlertDelivery { get; init; }

    /// <summary>How often to print an ingest status line; null for never.</summary>
    public TimeSpan? StatusInterval { get; init; }

    public bool Has(NodeRole role) => Roles.Contains(role);
}
