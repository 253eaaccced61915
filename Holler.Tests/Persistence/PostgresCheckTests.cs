using System.Net;
using System.Net.Sockets;
using Holler.Host.Configuration;
using Holler.Tests.Support;
using Npgsql;

namespace Holler.Tests.Persistence;

/// <summary>A node configured for PostgreSQL says in one line, before anything starts, why it cannot use the server.</summary>
public sealed class PostgresCheckTests : IDisposable
{
    private readonly PostgresDatabase _database = PostgresServer.CreateDatabase();

    public void Dispose() => _database.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string With(Action<NpgsqlConnectionStringBuilder> change)
    {
        var builder = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        change(builder);
        return builder.ConnectionString;
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void AssertOneLine(string? problem, string expected)
    {
        Assert.NotNull(problem);
        Assert.StartsWith("Persistence:ConnectionString: ", problem);
        Assert.Contains(expected, problem);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public async Task A_reachable_database_passes()
    {
        Assert.Null(await PersistenceCheck.VerifyPostgresAsync(_database.ConnectionString, Ct));
    }

    [Fact]
    public async Task An_unreachable_server_is_named_with_its_address()
    {
        var port = ClosedPort();

        var problem = await PersistenceCheck.VerifyPostgresAsync(With(b => b.Port = port), Ct);

        AssertOneLine(problem, $"cannot reach PostgreSQL at 127.0.0.1:{port} (database {_database.Name}, user ");
        Assert.Contains("refused", problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_password_is_an_authentication_failure_and_the_password_is_not_shown()
    {
        var problem = await PersistenceCheck.VerifyPostgresAsync(With(b => b.Password = "not-the-password-x7"), Ct);

        AssertOneLine(problem, "password authentication failed");
        Assert.Contains("(28P01); check the user and password", problem);
        Assert.DoesNotContain("not-the-password-x7", problem);
    }

    [Fact]
    public async Task A_missing_database_says_so()
    {
        var problem = await PersistenceCheck.VerifyPostgresAsync(With(b => b.Database = _database.Name + "_missing"), Ct);

        AssertOneLine(problem, $"database \"{_database.Name}_missing\" does not exist (3D000); create the database first");
    }

    [Fact]
    public async Task Holler_run_stops_with_exit_code_2_and_one_line()
    {
        var port = ClosedPort();
        var connection = With(b =>
        {
            b.Port = port;
            b.Password = "pw-that-must-not-show-9x";
        });

        var result = await HollerProcess.RunAsync(["run", "--persistence", "postgres", "--generator", "false"],
            environment: new Dictionary<string, string> { ["HOLLER_PERSISTENCE__CONNECTIONSTRING"] = connection });

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"holler: Persistence:ConnectionString: cannot reach PostgreSQL at 127.0.0.1:{port}", line);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(connection).Password!, result.Stderr);
    }

    [Fact]
    public void A_connection_string_without_a_host_is_refused_by_validation()
    {
        var (config, errors) = NodeConfigValidator.Resolve(new HollerOptions
        {
            Persistence = { Provider = "postgres", ConnectionString = "Database=holler;Username=holler" },
        });

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith("Persistence:ConnectionString: names no Host", StringComparison.Ordinal));
    }
}
