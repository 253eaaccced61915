using System.Globalization;
using Akka.Actor;
using Holler.Domain;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;
using Holler.Leaderboard;
using Holler.Persistence;
using Holler.Tracking;

namespace Holler.Host.Configuration;

/// <summary>
/// Turns <see cref="HollerOptions"/> into a <see cref="NodeConfig"/>, collecting every problem as one line that names
/// the setting, so a bad configuration stops start-up with a message rather than a stack trace.
/// </summary>
public static class NodeConfigValidator
{
    /// <summary>The largest micro-batch a node accepts: its biggest tracker batch (every record in one shard, each with
    /// a business id of its own) still fits one message between nodes (<c>ClusterSetup.MaxFrameSizeBytes</c>).</summary>
    public const int MaxBatchRecords = 100_000;

    /// <summary>Bounds of Ingest:MaxRecordBytes: a page view with every optional field fits in the lower; the upper is
    /// Kafka's default largest message, beyond which a broker would not have taken the record anyway.</summary>
    public const int MinRecordBytes = 1024;
    public const int MaxRecordBytes = 1024 * 1024;

    public static (NodeConfig? Config, IReadOnlyList<string> Errors) Resolve(HollerOptions o)
    {
        var errors = new List<string>();

        var roles = new HashSet<NodeRole>();
        foreach (var name in o.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<NodeRole>(name, ignoreCase: true, out var role) && !int.TryParse(name, out _)) roles.Add(role);
            else errors.Add($"Roles: unknown role '{name}' (known: ingest, tracker, leaderboard, web)");
        }
        if (roles.Count == 0 && errors.Count == 0) errors.Add("Roles: at least one role is needed (ingest, tracker, leaderboard, web)");

        if (string.IsNullOrWhiteSpace(o.DataDir)) errors.Add("DataDir: must name a folder");
        var dataDir = Path.GetFullPath(string.IsNullOrWhiteSpace(o.DataDir) ? "." : o.DataDir);

        if (string.IsNullOrWhiteSpace(o.Cluster.Hostname) || Uri.CheckHostName(o.Cluster.Hostname) == UriHostNameType.Unknown)
            errors.Add($"Cluster:Hostname: '{o.Cluster.Hostname}' is not a host name or IP address");
        if (o.Cluster.Port is < 0 or > 65535) errors.Add($"Cluster:Port must be between 0 and 65535, was {o.Cluster.Port}");
        var seeds = new List<string>();
        foreach (var seed in o.Cluster.SeedNodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Address.TryParse(seed, out var address) && address.Host is not null && address.Port is > 0) seeds.Add(seed);
            else errors.Add($"Cluster:SeedNodes: '{seed}' is not an address like akka.tcp://holler@127.0.0.1:4053");
        }

        string? bootstrap = null;
        if (!string.IsNullOrWhiteSpace(o.Kafka.Bootstrap))
        {
            bootstrap = o.Kafka.Bootstrap.Trim();
            foreach (var server in bootstrap.Split(',', StringSplitOptions.TrimEntries))
                if (!IsHostPort(server)) errors.Add($"Kafka:Bootstrap: '{server}' is not host:port");
        }
        if (!IsKafkaName(o.Kafka.Topic)) errors.Add($"Kafka:Topic: '{o.Kafka.Topic}' is not a Kafka topic name (1-249 of A-Z a-z 0-9 . _ -)");
        if (string.IsNullOrWhiteSpace(o.Kafka.GroupId)) errors.Add("Kafka:GroupId: must not be empty");
        if (!string.IsNullOrEmpty(o.Kafka.DeadLetterTopic))
        {
            if (!IsKafkaName(o.Kafka.DeadLetterTopic))
                errors.Add($"Kafka:DeadLetterTopic: '{o.Kafka.DeadLetterTopic}' is not a Kafka topic name (1-249 of A-Z a-z 0-9 . _ -)");
            else if (o.Kafka.DeadLetterTopic == o.Kafka.Topic)
                errors.Add("Kafka:DeadLetterTopic: must differ from Kafka:Topic, or rejected records would be consumed again forever");
        }
        if (o.Kafka.SessionTimeoutMs is < 1000 or > 300_000)
            errors.Add($"Kafka:SessionTimeoutMs must be between 1000 and 300000, was {o.Kafka.SessionTimeoutMs}");

        var provider = PersistenceProvider.Sqlite;
        string journal = "", snapshots = "";
        switch (o.Persistence.Provider.Trim().ToLowerInvariant())
        {
            case "sqlite":
                journal = $"Data Source={Path.Combine(dataDir, "journal.db")}";
                snapshots = $"Data Source={Path.Combine(dataDir, "snapshots.db")}";
                break;
            case "postgres" or "postgresql":
                provider = PersistenceProvider.Postgres;
                if (string.IsNullOrWhiteSpace(o.Persistence.ConnectionString))
                    errors.Add("Persistence:ConnectionString: required for PostgreSQL (set HOLLER_PERSISTENCE__CONNECTIONSTRING)");
                else if (PostgresConnectionProblem(o.Persistence.ConnectionString) is { } problem)
                    errors.Add($"Persistence:ConnectionString: {problem}");
                journal = snapshots = o.Persistence.ConnectionString;
                break;
            case "memory":
                provider = PersistenceProvider.Memory;
                break;
            default:
                errors.Add($"Persistence:Provider: unknown provider '{o.Persistence.Provider}' (known: sqlite, postgres, memory)");
                break;
        }

        if (!(o.Generator.Rate is > 0 and <= 10_000_000)) errors.Add($"Generator:Rate must be between 0 and 10000000 events/s, was {o.Generator.Rate}");
        if (!(o.Generator.ZipfExponent is >= 0 and <= 5)) errors.Add($"Generator:ZipfExponent must be between 0 and 5, was {o.Generator.ZipfExponent}");
        if (!(o.Generator.SurgeEverySeconds is > 0 and < 1e9)) errors.Add($"Generator:SurgeEverySeconds must be positive, was {o.Generator.SurgeEverySeconds}");
        if (!(o.Generator.SurgeDurationSeconds is > 0 and < 1e9)) errors.Add($"Generator:SurgeDurationSeconds must be positive, was {o.Generator.SurgeDurationSeconds}");
        if (!(o.Generator.BackfillSeconds is >= 0 and <= 86_400)) errors.Add($"Generator:BackfillSeconds must be between 0 and 86400, was {o.Generator.BackfillSeconds}");
        if (!(o.Generator.FirstSurgeAfterSeconds is >= 0 and < 1e9)) errors.Add($"Generator:FirstSurgeAfterSeconds must not be negative, was {o.Generator.FirstSurgeAfterSeconds}");
        if (o.Catalog.Businesses is < 1 or > 10_000_000) errors.Add($"Catalog:Businesses must be between 1 and 10000000, was {o.Catalog.Businesses}");
        if (!string.IsNullOrWhiteSpace(o.Catalog.YelpFile) && !File.Exists(o.Catalog.YelpFile))
            errors.Add($"Catalog:YelpFile: '{o.Catalog.YelpFile}' does not exist");

        var baseline = new BaselineSettings(o.Baseline.HalfLifeMinutes, o.Baseline.WarmupSeconds);
        var detector = new DetectorSettings(o.Detector.EnterScore, o.Detector.ExitScore, o.Detector.MinCount, o.Detector.MinRatio);
        var leaderboard = new LeaderboardSettings(o.Leaderboard.Size);
        errors.AddRange(baseline.Validate());
        errors.AddRange(detector.Validate());
        errors.AddRange(leaderboard.Validate());
        if (o.Tracker.Shards is < 1 or > 100_000) errors.Add($"Tracker:Shards must be between 1 and 100000, was {o.Tracker.Shards}");
        if (o.Tracker.SnapshotEvery is < 1 or > 1_000_000) errors.Add($"Tracker:SnapshotEvery must be between 1 and 1000000, was {o.Tracker.SnapshotEvery}");
        if (o.Tracker.PassivateAfterSeconds < 5) errors.Add($"Tracker:PassivateAfterSeconds must be at least 5, was {o.Tracker.PassivateAfterSeconds}");
        if (o.Ingest.MaxFutureSeconds < 0) errors.Add($"Ingest:MaxFutureSeconds must not be negative, was {o.Ingest.MaxFutureSeconds}");
        if (o.Ingest.MaxAgeHours < 1) errors.Add($"Ingest:MaxAgeHours must be at least 1, was {o.Ingest.MaxAgeHours}");
        if (o.Ingest.MaxRecordBytes is < MinRecordBytes or > MaxRecordBytes)
            errors.Add($"Ingest:MaxRecordBytes must be between {MinRecordBytes} and {MaxRecordBytes}, was {o.Ingest.MaxRecordBytes}");
        if (o.Ingest.BatchMaxRecords is < 1 or > MaxBatchRecords) errors.Add($"Ingest:BatchMaxRecords must be between 1 and {MaxBatchRecords}, was {o.Ingest.BatchMaxRecords}");
        if (o.Ingest.BatchDelayMs is < 1 or > 60_000) errors.Add($"Ingest:BatchDelayMs must be between 1 and 60000, was {o.Ingest.BatchDelayMs}");
        if (o.Ingest.AckTimeoutMs < 100) errors.Add($"Ingest:AckTimeoutMs must be at least 100, was {o.Ingest.AckTimeoutMs}");

        ValidateListener(errors, "Web", o.Web.Hostname, o.Web.Port);
        ValidateListener(errors, "Operator", o.Operator.Hostname, o.Operator.Port);
        if (string.IsNullOrWhiteSpace(o.Operator.Token) && System.Net.IPAddress.TryParse(o.Operator.Hostname.Trim(), out var operatorAddress)
            && !System.Net.IPAddress.IsLoopback(operatorAddress))
            errors.Add($"Operator:Token: required when Operator:Hostname ({o.Operator.Hostname.Trim()}) is beyond loopback; set HOLLER_OPERATOR__TOKEN");
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
            DeadLetterTopic = o.Kafka.DeadLetterTopic,
            Persistence = provider,
            JournalConnectionString = journal,
            SnapshotConnectionString = snapshots,
            GeneratorEnabled = o.Generator.Enabled ?? bootstrap is null,
            Generator = o.Generator,
            Catalog = o.Catalog,
            Tracker = new TrackerSettings(baseline, detector, o.Tracker.SnapshotEvery),
            Shards = o.Tracker.Shards,
            PassivateAfter = TimeSpan.FromSeconds(o.Tracker.PassivateAfterSeconds),
            Leaderboard = leaderboard,
            LeaderboardConsole = o.Leaderboard.Console,
            ParseLimits = new ParseLimits(o.Ingest.MaxFutureSeconds * 1000L, o.Ingest.MaxAgeHours * 3_600_000L, o.Ingest.MaxRecordBytes),
            BatchMaxRecords = o.Ingest.BatchMaxRecords,
            BatchDelay = TimeSpan.FromMilliseconds(o.Ingest.BatchDelayMs),
            AckTimeout = TimeSpan.FromMilliseconds(o.Ingest.AckTimeoutMs),
            WebHostname = o.Web.Hostname.Trim(),
            WebPort = o.Web.Port,
            OperatorHostname = o.Operator.Hostname.Trim(),
            OperatorPort = o.Operator.Port,
            OperatorToken = o.Operator.Token.Trim(),
        };
        return (config, []);
    }

    /// <summary>What makes a connection string unusable before any connection is tried; null when nothing does.
    /// The message never repeats the string: it may hold a password.</summary>
    private static string? PostgresConnectionProblem(string connectionString)
    {
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host) ? "names no Host (e.g. Host=postgres;Database=holler;Username=holler;Password=…)" : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            return "not a PostgreSQL connection string: " + e.Message.ReplaceLineEndings(" ");
        }
    }

    private static void ValidateListener(List<string> errors, string section, string hostname, int port)
    {
        if (!System.Net.IPAddress.TryParse(hostname?.Trim(), out _) && !string.Equals(hostname?.Trim(), "localhost", StringComparison.OrdinalIgnoreCase))
            errors.Add($"{section}:Hostname: '{hostname}' is not an IP address to listen on (e.g. 127.0.0.1 or 0.0.0.0)");
        if (port is < 0 or > 65535) errors.Add($"{section}:Port must be between 0 and 65535, was {port}");
    }

    private static bool IsKafkaName(string name) =>
        name.Length is > 0 and <= 249 && name is not "." and not ".." && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static bool IsHostPort(string server)
    {
        var colon = server.LastIndexOf(':');
        if (colon <= 0 || colon == server.Length - 1) return false;
        var host = server[..colon].Trim('[', ']');
        return Uri.CheckHostName(host) != UriHostNameType.Unknown
               && int.TryParse(server[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
               && port is > 0 and <= 65535;
    }
}
