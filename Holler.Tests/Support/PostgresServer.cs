using Npgsql;

namespace Holler.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use, in-process ones and node processes alike: HOLLER_TEST_POSTGRES (a connection string of a role that may create databases;
/// <c>.ci/postgres-up</c> prints it, <c>.ci/run</c> exports it) or, when that is not set, the very connection string
/// <c>.ci/postgres-up</c> sets up. Never skipped: a missing server fails the test with a line that says what to run.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "HOLLER_TEST_POSTGRES";

    /// <summary>What <c>.ci/postgres-up</c> creates on a machine with Debian's PostgreSQL.</summary>
    public const string LocalDefault = "Host=127.0.0.1;Port=5432;Username=holler_test;Password=holler_test;Database=postgres";

    /// <summary>Prefix of every database the tests create; anything left with it after a crashed run is litter.</summary>
    public const string DatabasePrefix = "holler_test_";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured : LocalDefault;

    /// <summary>Creates a database of its own for one test; dropping it is the caller's (dispose the result).</summary>
    /// <param name="maxPoolSize">Connections per pool in the returned connection string; null leaves it out, for node
    /// processes, which bound their own pools.</param>
    public static PostgresDatabase CreateDatabase(int? maxPoolSize = 8)
    {
        var admin = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Timeout = 10, Pooling = false };
        var name = DatabasePrefix + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "_" + Guid.NewGuid().ToString("N")[..10];
        try
        {
            using var connection = new NpgsqlConnection(admin.ConnectionString);
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentException)
        {
            var source = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 }
                ? $"{EnvironmentVariable} ({admin.Host}:{admin.Port}, user {admin.Username})"
                : $"{EnvironmentVariable} is not set and the local default ({admin.Host}:{admin.Port}, user {admin.Username}) did not answer";
            throw new InvalidOperationException(
                $"PostgreSQL tests need a server: {source}: {e.Message}. Start one with `.ci/postgres-up` (as root, or " +
                $"with sudo; it prints the export line), or set {EnvironmentVariable} to a role that may create databases.", e);
        }
        // Few connections per test: test classes run side by side on a server with max_connections = 100.
        var database = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        if (maxPoolSize is { } max) database.MaxPoolSize = max;
        return new PostgresDatabase(name, database.ConnectionString, admin.ConnectionString);
    }
}

/// <summary>A database that exists for one test; disposing drops it, closing whatever is still connected.</summary>
public sealed class PostgresDatabase(string name, string connectionString, string adminConnectionString) : IDisposable
{
    public string Name { get; } = name;
    public string ConnectionString { get; } = connectionString;

    /// <summary>Host and port of the server, for a proxy placed in front of it.</summary>
    public (string Host, int Port) Endpoint
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return (builder.Host ?? "127.0.0.1", builder.Port);
        }
    }

    /// <summary>This database's connection string pointed at another host and port (a proxy), same credentials.</summary>
    public string Via(string host, int port) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Host = host, Port = port }.ConnectionString;

    public T Scalar<T>(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        using (var pooled = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(pooled);
        using var connection = new NpgsqlConnection(adminConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
