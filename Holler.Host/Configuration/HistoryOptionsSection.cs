using Holler.Domain.History;
using Holler.History;
using Holler.Host.Commands;
using Holler.Persistence;

namespace Holler.Host.Configuration;

/// <summary>The history store (docs/history.md): where it lives and how long it keeps what.</summary>
public sealed class HistoryOptionsSection
{
    public bool Enabled { get; set; } = true;
    /// <summary>sqlite or postgres; empty: whichever the persistence uses (SQLite for memory persistence).</summary>
    public string Provider { get; set; } = "";
    /// <summary>PostgreSQL connection string; empty: the persistence's. SQLite always uses DataDir/history.db.</summary>
    public string ConnectionString { get; set; } = "";
    public string MinuteRetention { get; set; } = "14d";
    public string HourRetention { get; set; } = "396d";
    /// <summary>Empty keeps surges for ever.</summary>
    public string SurgeRetention { get; set; } = "";
    public string FlushEvery { get; set; } = "1s";
    public int BatchSize { get; set; } = HistorySettings.Default.BatchSize;
    public int QueueCapacity { get; set; } = HistorySettings.Default.QueueCapacity;
    public int ResendMinutes { get; set; } = HistorySettings.Default.ResendMinutes;
    public string RetentionEvery { get; set; } = "10m";

    public HistoryConfig? Resolve(string dataDir,
        PersistenceProvider persistence, string persistenceConnectionString, List<string> errors)
    {
        var settings = new HistorySettings(
            Duration(nameof(MinuteRetention), MinuteRetention, errors), Duration(nameof(HourRetention), HourRetention, errors),
            string.IsNullOrWhiteSpace(SurgeRetention) ? null : Duration(nameof(SurgeRetention), SurgeRetention, errors),
            Duration(nameof(FlushEvery), FlushEvery, errors), BatchSize, QueueCapacity, ResendMinutes,
            Duration(nameof(RetentionEvery), RetentionEvery, errors));
        var before = errors.Count;
        errors.AddRange(settings.Validate().Where(_ => errors.Count == before));
        HistoryProvider provider;
        switch (Provider.Trim().ToLowerInvariant())
        {
            case "": provider = persistence == PersistenceProvider.Postgres ? HistoryProvider.Postgres : HistoryProvider.Sqlite; break;
            case "sqlite": provider = HistoryProvider.Sqlite; break;
            case "postgres" or "postgresql": provider = HistoryProvider.Postgres; break;
            default:
                errors.Add($"History:Provider: unknown provider '{Provider}' (known: sqlite, postgres; empty for the persistence's)");
                return null;
        }
        if (!Enabled) return null;
        if (provider == HistoryProvider.Sqlite) return new HistoryConfig(provider, HistoryStore.SqliteConnectionStringFor(dataDir), settings);
        var connection = string.IsNullOrWhiteSpace(ConnectionString) ? persistenceConnectionString : ConnectionString;
        if (string.IsNullOrWhiteSpace(connection))
        {
            // Persistence:ConnectionString names the problem already: one line per mistake.
            if (persistence == PersistenceProvider.Postgres) return null;
            errors.Add("History:ConnectionString: required for PostgreSQL history when the persistence is not PostgreSQL");
            return null;
        }
        return new HistoryConfig(provider, SqlPersistenceSetup.WithPoolLimit(connection), settings);
    }

    private static TimeSpan Duration(string name, string text, List<string> errors)
    {
        if (Durations.TryParse(text, out var value)) return value;
        errors.Add($"History:{name}: '{text}' is not a duration (e.g. 90s, 10m, 14d)");
        return TimeSpan.FromDays(1);
    }
}

/// <summary>The resolved history settings of a node.</summary>
public sealed record HistoryConfig(HistoryProvider Provider, string ConnectionString, HistorySettings Settings);
