using Holler.Persistence;

namespace Holler.Host.Configuration;

public sealed class PersistenceOptionsSection
{
    /// <summary>sqlite, postgres, or memory (not durable: benchmarks and experiments).</summary>
    public string Provider { get; set; } = "sqlite";
    /// <summary>PostgreSQL connection string (keep secrets in HOLLER_PERSISTENCE__CONNECTIONSTRING). SQLite uses DataDir.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The provider and where its journal and snapshots go (SQLite files in <paramref name="dataDir"/>).</summary>
    public (PersistenceProvider Provider, string Journal, string Snapshots) Resolve(string dataDir, List<string> errors)
    {
        switch (Provider.Trim().ToLowerInvariant())
        {
            case "sqlite":
                return (PersistenceProvider.Sqlite, $"Data Source={Path.Combine(dataDir, "journal.db")}",
                    $"Data Source={Path.Combine(dataDir, "snapshots.db")}");
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(ConnectionString))
                    errors.Add("Persistence:ConnectionString: required for PostgreSQL (set HOLLER_PERSISTENCE__CONNECTIONSTRING)");
                else if (PostgresConnectionProblem(ConnectionString) is { } problem)
                    errors.Add($"Persistence:ConnectionString: {problem}");
                return (PersistenceProvider.Postgres, ConnectionString, ConnectionString);
            case "memory":
                return (PersistenceProvider.Memory, "", "");
            default:
                errors.Add($"Persistence:Provider: unknown provider '{Provider}' (known: sqlite, postgres, memory)");
                return (PersistenceProvider.Sqlite, "", "");
        }
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
}
