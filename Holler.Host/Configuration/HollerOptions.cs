namespace Holler.Host.Configuration;

/// <summary>
/// Every setting of a Holler node, bound from appsettings.json, then HOLLER_* environment variables
/// (HOLLER_KAFKA__BOOTSTRAP → Kafka:Bootstrap), then command-line flags. The README's configuration table lists them.
/// Each section checks and resolves its own settings; <see cref="NodeConfigValidator"/> composes them.
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
    public DimensionsOptionsSection Dimensions { get; set; } = new();
    public IngestOptionsSection Ingest { get; set; } = new();
    public WebOptionsSection Web { get; set; } = new();
    public OperatorOptionsSection Operator { get; set; } = new();
    public AlertsOptionsSection Alerts { get; set; } = new();
    public HistoryOptionsSection History { get; set; } = new();

    public IReadOnlySet<NodeRole> ResolveRoles(List<string> errors)
    {
        var roles = new HashSet<NodeRole>();
        var unknown = false;
        foreach (var name in Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<NodeRole>(name, ignoreCase: true, out var role) && !int.TryParse(name, out _)) roles.Add(role);
            else
            {
                errors.Add($"Roles: unknown role '{name}' (known: ingest, tracker, leaderboard, web)");
                unknown = true;
            }
        }
        if (roles.Count == 0 && !unknown) errors.Add("Roles: at least one role is needed (ingest, tracker, leaderboard, web)");
        return roles;
    }

    /// <summary>The data folder as a full path (the current folder when it is missing, which is an error too).</summary>
    public string ResolveDataDir(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(DataDir)) errors.Add("DataDir: must name a folder");
        return Path.GetFullPath(string.IsNullOrWhiteSpace(DataDir) ? "." : DataDir);
    }
}
