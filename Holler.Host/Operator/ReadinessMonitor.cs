using Akka.Actor;
using Akka.Cluster;
using Confluent.Kafka;
using Holler.Host.Configuration;
using Holler.Host.Operator.Api;
using Holler.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Holler.Host.Operator;

/// <summary>
/// Readiness: the node is Up in the cluster, its Kafka answers (ingest nodes) and its journal database takes writes
/// (tracker nodes). Kafka and the database are checked in the background every few seconds, so a probe answers at once
/// (orchestrators give probes about a second) and a dead broker costs one timeout per interval, not one per probe.
/// </summary>
public sealed class ReadinessMonitor(NodeConfig config, OperatorEndpointOptions endpoint, ILogger<ReadinessMonitor> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    private volatile HealthCheckView _kafka = new("kafka", false, "not checked yet");
    private volatile HealthCheckView _persistence = new("persistence", false, "not checked yet");

    /// <summary>Raised after each check of the broker (ingest nodes), with its result.</summary>
    public event Action<HealthCheckView>? KafkaChecked;

    public HealthView Ready(ActorSystem system)
    {
        var checks = new List<HealthCheckView> { ClusterCheck(system) };
        if (config.Has(NodeRole.Ingest)) checks.Add(_kafka);
        if (config.Has(NodeRole.Tracker)) checks.Add(_persistence);
        var failed = checks.Where(c => !c.Ok).Select(c => c.Name).ToList();
        return new HealthView(failed.Count == 0 ? "ready" : "not-ready", failed, checks);
    }

    private static HealthCheckView ClusterCheck(ActorSystem system)
    {
        var cluster = Cluster.Get(system);
        if (cluster.IsTerminated) return new("cluster", false, "left the cluster");
        var status = cluster.SelfMember.Status;
        return new("cluster", status == MemberStatus.Up, status == MemberStatus.Up ? "Up" : $"{status}, not Up yet");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IAdminClient? admin = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (config.Has(NodeRole.Ingest))
                {
                    admin ??= CreateAdmin(endpoint.KafkaBootstrap);
                    _kafka = await Task.Run(() => CheckKafka(admin), stoppingToken);
                    KafkaChecked?.Invoke(_kafka);
                }
                if (config.Has(NodeRole.Tracker)) _persistence = await CheckPersistenceAsync(stoppingToken);
                await Task.Delay(Interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            admin?.Dispose();
        }
    }

    private IAdminClient CreateAdmin(string bootstrap) =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap, SocketTimeoutMs = (int)CheckTimeout.TotalMilliseconds })
            // librdkafka writes to standard error unless told otherwise; an unreachable broker shows up in the check.
            .SetLogHandler((_, m) => log.LogDebug("librdkafka {Facility}: {Message}", m.Facility, m.Message))
            .SetErrorHandler((_, e) => log.LogDebug("Kafka readiness client: {Reason}", e.Reason))
            .Build();

    private HealthCheckView CheckKafka(IAdminClient admin)
    {
        try
        {
            var metadata = admin.GetMetadata(CheckTimeout);
            return metadata.Brokers.Count > 0
                ? new("kafka", true, $"{metadata.Brokers.Count} broker(s) answered")
                : new("kafka", false, "no broker in the cluster metadata");
        }
        catch (KafkaException e)
        {
            return new("kafka", false, $"Kafka at {endpoint.KafkaBootstrap}: {e.Error.Reason}");
        }
    }

    private async Task<HealthCheckView> CheckPersistenceAsync(CancellationToken token)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(CheckTimeout);
            switch (config.Persistence)
            {
                case PersistenceProvider.Sqlite:
                    return await CheckSqliteAsync(config.JournalConnectionString, timeout.Token);
                case PersistenceProvider.Postgres:
                {
                    await using var connection = new NpgsqlConnection(config.JournalConnectionString);
                    await connection.OpenAsync(timeout.Token);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off'";
                    var writable = await command.ExecuteScalarAsync(timeout.Token) is true;
                    return new("persistence", writable, writable ? "PostgreSQL primary, writable" : "PostgreSQL is read-only (a standby?)");
                }
                default:
                    return new("persistence", true, "in memory");
            }
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return new("persistence", false, $"no answer within {CheckTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is SqliteException or NpgsqlException or IOException or InvalidOperationException or TimeoutException)
        {
            return new("persistence", false, e.Message.ReplaceLineEndings(" "));
        }
    }

    /// <summary>
    /// The SQLite journal answers a read and its connection is not read-only. It does not take the write lock: the
    /// journal holds that almost continuously under load, so a check that took it (as this one once did) waited for it
    /// and then made the journal's next commit wait out SQLite's busy retry. In WAL mode a read never blocks a writer.
    /// </summary>
    internal static async Task<HealthCheckView> CheckSqliteAsync(string connectionString, CancellationToken token)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master";
        await command.ExecuteScalarAsync(token);
        // Opened read-write, SQLite falls back to read-only when the file or its folder cannot be written.
        return SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 0
            ? new("persistence", true, "SQLite journal writable")
            : new("persistence", false, "SQLite journal is read-only (file or folder permissions)");
    }
}
