using Npgsql;

namespace Holler.Tests.MultiNode;

/// <summary>
/// A PostgreSQL database of its own for one cluster test: the journal every node process shares (SQLite cannot be
/// shared between processes, DESIGN §11). The server is the one <c>.ci/run</c> starts: HOLLER_TEST_POSTGRES names a role
/// that may create databases, else the role <c>.ci/postgres-up</c> creates on the local default port. Never skipped:
/// without a server the test fails and says what to start.
/// </summary>
public sealed class ClusterDatabase : IDisposable
{
    private const string Variable = "HOLLER_TEST_POSTGRES";
    private const string LocalDefault = "Host=127.0.0.1;Port=5432;Username=holler_test;Password=holler_test;Database=postgres";

    private readonly string _admin;

    private ClusterDatabase(string name, string admin, string connectionString)
    {
        Name = name;
        _admin = admin;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Connection string of this database; each node bounds its own pool (SqlPersistenceSetup).</summary>
    public string ConnectionString { get; }

    public static ClusterDatabase Create()
    {
        var admin = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } set ? set : LocalDefault)
        {
            Pooling = false,
            Timeout = 15,
        };
        var name = "holler_test_cluster_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            using var connection = new NpgsqlConnection(admin.ConnectionString);
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }
        catch (NpgsqlException e)
        {
            throw new InvalidOperationException(
                $"The cluster tests need PostgreSQL ({admin.Host}:{admin.Port}, user {admin.Username}): {e.Message}. " +
                $"Start it with `.ci/postgres-up` or set {Variable}.", e);
        }
        var database = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name, Pooling = true };
        return new ClusterDatabase(name, admin.ConnectionString, database.ConnectionString);
    }

    public void Dispose()
    {
        using var connection = new NpgsqlConnection(_admin);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
