using Holler.Tracking;

namespace Holler.Host.Configuration;

/// <summary>
/// Turns <see cref="HollerOptions"/> into a <see cref="NodeConfig"/>, collecting every problem as one line that names
/// the setting, so a bad configuration stops start-up with a message rather than a stack trace. Each section checks
/// its own settings; only rules across sections live here.
/// </summary>
public static class NodeConfigValidator
{
    /// <inheritdoc cref="IngestOptionsSection.MaxBatchRecords"/>
    public const int MaxBatchRecords = IngestOptionsSection.MaxBatchRecords;

    /// <inheritdoc cref="IngestOptionsSection.MinRecordBytes"/>
    public const int MinRecordBytes = IngestOptionsSection.MinRecordBytes;
    public const int MaxRecordBytes = IngestOptionsSection.RecordBytesCeiling;

    public static (NodeConfig? Config, IReadOnlyList<string> Errors) Resolve(HollerOptions o)
    {
        var errors = new List<string>();
        var roles = o.ResolveRoles(errors);
        var dataDir = o.ResolveDataDir(errors);
        var seeds = o.Cluster.Resolve(errors);
        var bootstrap = o.Kafka.Resolve(errors);
        var (provider, journal, snapshots) = o.Persistence.Resolve(dataDir, errors);
        var history = o.History.Resolve(dataDir, provider, journal, errors);
        o.Generator.Validate(errors);
        o.Catalog.Validate(errors);
        var baseline = o.Baseline.Resolve(errors);
        var detector = o.Detector.Resolve(errors);
        var leaderboard = o.Leaderboard.Resolve(errors);
        o.Tracker.Validate(errors);
        var dimensions = o.Dimensions.Resolve(errors);
        var parseLimits = o.Ingest.Resolve(errors);
        var checkpoints = o.Ingest.ResolveCheckpoints(embeddedBroker: bootstrap is null, errors);
        o.Web.Validate(errors);
        o.Operator.Validate(errors);
        var alertDelivery = o.Alerts.ResolveDelivery(errors);
        var alerts = o.Alerts.Resolve(o.Web.PublicUrl, alertDelivery.Channels.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase), errors);
        var tokens = o.Operator.ResolveTokens(errors);
        var access = o.Web.ResolveAccess(errors);
        // As the operator endpoint does: a dashboard others can reach is one they must sign in to.
        if (roles.Contains(NodeRole.Web) && o.Web.BeyondLoopback && !access.SignInRequired)
            errors.Add($"Web:Users: required when Web:Hostname ({o.Web.Hostname.Trim()}) is beyond loopback: add a user (holler users add) or set Web:Oidc:Authority");
        if (roles.Contains(NodeRole.Web) && o.Web.Port != 0 && o.Web.Port == o.Operator.Port)
            errors.Add($"Web:Port and Operator:Port must differ, both were {o.Web.Port}");

        if (errors.Count > 0) return (null, errors);

        var config = new NodeConfig
        {
            Roles = roles,
            DataDir = dataDir,
            Hostname = o.Cluster.Hostname,
            Port = o.Cluster.Port,
            SeedNodes = seeds,
            KafkaBootstrap = bootstrap,
            Topic = o.Kafka.Topic,
            GroupId = o.Kafka.GroupId,
            SessionTimeout = TimeSpan.FromMilliseconds(o.Kafka.SessionTimeoutMs),
            GroupInstanceId = o.Kafka.GroupInstanceId,
            DeadLetterTopic = o.Kafka.DeadLetterTopic,
            Persistence = provider,
            JournalConnectionString = journal,
            SnapshotConnectionString = snapshots,
            GeneratorEnabled = o.Generator.Enabled ?? bootstrap is null,
            Generator = o.Generator,
            Catalog = o.Catalog,
            Tracker = new TrackerSettings(baseline, detector, o.Tracker.SnapshotEvery, Durability: o.Tracker.DurabilityMode(),
                Dimensions: dimensions, RecentEvents: o.Tracker.RecentEventsSettings()),
            Shards = o.Tracker.Shards,
            PassivateAfter = TimeSpan.FromSeconds(o.Tracker.PassivateAfterSeconds),
            Leaderboard = leaderboard,
            LeaderboardConsole = o.Leaderboard.Console,
            ParseLimits = parseLimits,
            BatchMaxRecords = o.Ingest.BatchMaxRecords,
            BatchDelay = TimeSpan.FromMilliseconds(o.Ingest.BatchDelayMs),
            BatchLinger = TimeSpan.FromMilliseconds(Math.Max(o.Ingest.BatchDelayMs, o.Ingest.BatchLingerMs)),
            AckTimeout = TimeSpan.FromMilliseconds(o.Ingest.AckTimeoutMs),
            Checkpoints = checkpoints,
            WebHostname = o.Web.Hostname.Trim(),
            WebPort = o.Web.Port,
            OperatorHostname = o.Operator.Hostname.Trim(),
            OperatorPort = o.Operator.Port,
            OperatorToken = o.Operator.Token.Trim(),
            Alerts = alerts,
            OperatorTokens = tokens,
            WebAccess = access,
            AlertDelivery = alertDelivery,
            History = history,
        };
        return (config, []);
    }
}
