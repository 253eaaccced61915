using Holler.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Holler.Host.Configuration;

/// <summary>Fails fast, with the setting named, when the configured database cannot be reached or written.</summary>
public static class PersistenceCheck
{
    public static async Task<string?> VerifyAsync(NodeConfig config, CancellationToken token = default)
    {
        if (config.Persistence == PersistenceProvider.Memory) return null;
        try
        {
            if (config.Persistence == PersistenceProvider.Sqlite)
            {
                Directory.CreateDirectory(config.DataDir);
                foreach (var cs in new[] { config.JournalConnectionString, config.SnapshotConnectionString })
                {
                    await using var connection = new SqliteConnection(cs);
                    await connection.OpenAsync(token);
                    await using var command = connection.CreateCommand();
                    // WAL lets recovery reads run beside journal writes; it is a property of the file, set once.
                    command.CommandText = "PRAGMA journal_mode=WAL;";
                    await command.ExecuteNonQueryAsync(token);
                }
                return null;
            }
            var builder = new NpgsqlConnectionStringBuilder(config.JournalConnectionString) { Timeout = 15 }; // several nodes starting at once on 2 cores took over 5 s
            await using (var pg = new NpgsqlConnection(builder.ConnectionString))
            {
                await pg.OpenAsync(token);
            }
            return null;
        }
        catch (Exception e) when (e is SqliteException or NpgsqlException or IOException or UnauthorizedAccessException
                                      or ArgumentException or TimeoutException or InvalidOperationException)
        {
            var setting = config.Persistence == PersistenceProvider.Sqlite ? "DataDir" : "Persistence:ConnectionString";
            var where = config.Persistence == PersistenceProvider.Sqlite ? $"'{config.DataDir}'" : "the PostgreSQL server";
            return $"{setting}: cannot use {where}: {e.Message}";
        }
    }
}
