using System.Net.Sockets;
using Holler.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Holler.Host.Configuration;

/// <summary>Fails fast, with the setting named, when the configured database cannot be reached or written.</summary>
public static class PersistenceCheck
{
    public static async Task<string?> VerifyAsync(NodeConfig config, CancellationToken token = default) =>
        config.Persistence switch
        {
            PersistenceProvider.Sqlite => await VerifySqliteAsync(config, token),
            PersistenceProvider.Postgres => await VerifyPostgresAsync(config.JournalConnectionString, token),
            _ => null,
        };

    private static async Task<string?> VerifySqliteAsync(NodeConfig config, CancellationToken token)
    {
        try
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
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or ArgumentException
                                      or InvalidOperationException)
        {
            return $"DataDir: cannot use '{config.DataDir}': {e.Message}";
        }
    }

    /// <summary>
    /// Connects once (5 s at most) and says in one line what stands in the way: the server, the credentials or the
    /// database. Never prints the password. The tables themselves are created by the journal on first start.
    /// </summary>
    public static async Task<string?> VerifyPostgresAsync(string connectionString, CancellationToken token = default)
    {
        NpgsqlConnectionStringBuilder builder;
        try { builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 15 }; }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            return $"Persistence:ConnectionString: not a PostgreSQL connection string: {OneLine(e.Message)}";
        }
        var where = $"PostgreSQL at {builder.Host}:{builder.Port} (database {builder.Database ?? builder.Username}, user {builder.Username})";
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(token);
            return null;
        }
        catch (PostgresException e)
        {
            var hint = e.SqlState switch
            {
                PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification => "check the user and password",
                PostgresErrorCodes.InvalidCatalogName => "create the database first",
                _ => null,
            };
            return $"Persistence:ConnectionString: {where} refused: {OneLine(e.MessageText)} ({e.SqlState}){(hint is null ? "" : "; " + hint)}";
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or InvalidOperationException
                                      or ArgumentException)
        {
            return $"Persistence:ConnectionString: cannot reach {where}: {OneLine(Innermost(e).Message)}";
        }
    }

    /// <summary>Npgsql wraps the cause ("Connection refused", a timeout) in a general "Failed to connect".</summary>
    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner) e = inner;
        return e;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
