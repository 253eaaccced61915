namespace Holler.Host.Configuration;

/// <summary>
/// Every setting of a Holler node, bound from appsettings.json, then HOLLER_* environment variables
/// (HOLLER_KAFKA__BOOTSTRAP → Kafka:Bootstrap), then command-line flags. The README's configuration table lists them.
/// </summary>
public sealed class HollerOptions
{
    /// <summary>Comma-separated: ingest, tracker, leaderboard, web. The dev cluster runs all of them.</summary>
    public string Roles { get; set; } = "ingest,tracker,leaderboard,web";

    /// <summary>Where SQLite files and other local state live.</summary>
    public string DataDir { get; set; } = "holler-data";

    public ClusterOptionsSection Cluster { get; set; } = new();
    public KafkaOptionsSection Kafka { get; set; } = new();
    public PersistenceOptionsSection Persistence { get; set; } = new();
    public GeneratorOptionsSection Generator { get; set; } = new();
    public CatalogOptionsSection Catalog { get; set; } = new();
    public BaselineOptionsSection Baseline { get; set; } = new();
    public DetectorOptionsSection Detector { get; set; } = new();
    public LeaderboardOptionsSection Leaderboard { get; set; } = new();
    public TrackerOptionsSection Tracker { get; set; } = new();
    public IngestOptionsSection Ingest { get; set; } = new();
    public WebOptionsSection Web { get; set; } = new();
    public OperatorOptionsSection Operator { get; set; } = new();
}

public sealed class ClusterOptionsSection
{
    public string Hostname { get; set; } = "127.0.0.1";
    /// <summary>0 picks a free port, fine for a node that is its own seed.</summary>
    public int Port { get; set; }
    /// <summary>Comma-separated akka.tcp://holler@host:port addresses; empty means this node forms its own cluster.</summary>
    public string SeedNodes { get; set; } = "";
}

public sealed class KafkaOptionsSection
{
    /// <summary>host:port[,host:port]; empty starts the embedded broker inside the node.</summary>
    public string Bootstrap { get; set; } = "";
    public string Topic { get; set; } = "holler.traffic";
    public string GroupId { get; set; } = "holler";
    public int SessionTimeoutMs { get; set; } = 10_000;
    public string DeadLetterTopic { get; set; } = "";
}

public sealed class PersistenceOptionsSection
{
    /// <summary>sqlite, postgres, or memory (not durable: benchmarks and experiments).</summary>
    public string Provider { get; set; } = "sqlite";
    /// <summary>PostgreSQL connection string (keep secrets in HOLLER_PERSISTENCE__CONNECTIONSTRING). SQLite uses DataDir.</summary>
    public string ConnectionString { get; set; } = "";
}

public sealed class GeneratorOptionsSection
{
    /// <summary>Runs the built-in traffic generator inside the node; defaults to on with the embedded broker.</summary>
    public bool? Enabled { get; set; }
    public double Rate { get; set; } = 4000;
    /// <summary>Zipf exponent of business popularity: higher concentrates traffic on fewer businesses.</summary>
    public double ZipfExponent { get; set; } = 1.2;
    /// <summary>Vary the rate over the (UTC) day, 0.5× at night to 1.4× mid-afternoon; off keeps it at Rate.</summary>
    public bool DailyRhythm { get; set; }
    public int Seed { get; set; } = 42;
    public double SurgeEverySeconds { get; set; } = 45;
    public double FirstSurgeAfterSeconds { get; set; } = 75;
    public double SurgeDurationSeconds { get; set; } = 120;
    /// <summary>Start event time this many seconds in the past and replay that stretch fast (10×) until caught up with
    /// the clock: baselines warm and the first surges show within seconds of start (demos, browser tests). 0 = live only.</summary>
    public double BackfillSeconds { get; set; }
    /// <summary>Where the generator writes its injected surges' ground truth (JSON lines); empty for DataDir/truth.jsonl.</summary>
    public string TruthFile { get; set; } = "";
}

public sealed class CatalogOptionsSection
{
    public int Businesses { get; set; } = 200_000;
    public int Seed { get; set; } = 42;
    /// <summary>Path to the Yelp Open Dataset's business.json to use real names and places instead of synthetic ones.</summary>
    public string YelpFile { get; set; } = "";
}

public sealed class BaselineOptionsSection
{
    public double HalfLifeMinutes { get; set; } = 30;
    public int WarmupSeconds { get; set; } = 60;
}

public sealed class DetectorOptionsSection
{
    public double EnterScore { get; set; } = 4;
    public double ExitScore { get; set; } = 2;
    public int MinCount { get; set; } = 20;
    public double MinRatio { get; set; } = 2;
}

public sealed class LeaderboardOptionsSection
{
    public int Size { get; set; } = 10;
    /// <summary>Print the leaderboard to the console when it changes.</summary>
    public bool Console { get; set; } = true;
}

public sealed class TrackerOptionsSection
{
    public int Shards { get; set; } = Holler.Tracking.TrackerShards.DefaultCount;
    public int SnapshotEvery { get; set; } = 100;
    public int PassivateAfterSeconds { get; set; } = 900;
}

public sealed class IngestOptionsSection
{
    public int MaxFutureSeconds { get; set; } = 300;
    public int MaxAgeHours { get; set; } = 24;
    /// <summary>Records whose key and value together are longer are rejected as TooLarge.</summary>
    public int MaxRecordBytes { get; set; } = Holler.Domain.ParseLimits.DefaultMaxRecordBytes;
    public int BatchMaxRecords { get; set; } = 20_000;
    public int BatchDelayMs { get; set; } = 200;
    public int AckTimeoutMs { get; set; } = 30_000;
}

public sealed class WebOptionsSection
{
    /// <summary>Address the dashboard listens on (nodes with the web role); 0.0.0.0 to serve beyond this machine.</summary>
    public string Hostname { get; set; } = "127.0.0.1";
    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; set; } = 5080;
}

public sealed class OperatorOptionsSection
{
    /// <summary>Address of the operator endpoint (holler cluster …, health, metrics); loopback unless configured.</summary>
    public string Hostname { get; set; } = "127.0.0.1";
    /// <summary>pbm's port, so operators' habits carry over; 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 9110;
    /// <summary>Bearer token operator commands must present (keep it in HOLLER_OPERATOR__TOKEN, not in files).</summary>
    public string Token { get; set; } = "";
}
