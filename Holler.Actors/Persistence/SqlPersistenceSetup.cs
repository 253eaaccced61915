using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql;

namespace Holler.Persistence;

/// <summary>Where trackers persist. Memory is not durable: for benchmarks and experiments only.</summary>
public enum PersistenceProvider { Sqlite, Postgres, Memory }

public static class SqlPersistenceSetup
{
    /// <summary>
    /// Akka.Persistence.Sql journal and snapshot store. Akka.Persistence.Sql.Hosting is not available here, so this is
    /// its HOCON, added ahead of the plugin's defaults. SQLite gets one file for the journal and one for snapshots: in
    /// one file they lock each other (akka.net #3538).
    /// </summary>
    public static AkkaConfigurationBuilder AddSqlPersistence(this AkkaConfigurationBuilder builder, PersistenceProvider provider,
        string journalConnectionString, string snapshotConnectionString)
    {
        if (provider == PersistenceProvider.Memory)
            return builder.AddHocon(ConfigurationFactory.ParseString("""
                akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
                akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
                """), HoconAddMode.Prepend);
        var providerName = provider == PersistenceProvider.Sqlite ? "SQLite.MS" : "PostgreSQL.15";
        if (provider == PersistenceProvider.Postgres)
        {
            journalConnectionString = WithPoolLimit(journalConnectionString);
            snapshotConnectionString = WithPoolLimit(snapshotConnectionString);
        }
        // SQLite has one writer at a time; parallel journal writers only take turns through its busy-wait (sleep and
        // retry), which showed up as most of the ingest's latency. PostgreSQL takes them in parallel.
        var writers = provider == PersistenceProvider.Sqlite ? 1 : 3;
        var hocon = $$"""
            akka.persistence {
              # A tracker holds a whole shard, so a node has at most a few hundred; recovering more at once than the
              # connection pool holds would only queue them past the journal's call timeout.
              max-concurrent-recoveries = 16
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  connection-string = {{Quote(journalConnectionString)}}
                  provider-name = "{{providerName}}"
                  auto-initialize = on
                  parallelism = {{writers}}
                  # Larger batches suit a local database: one commit (and fsync) carries more trackers' events.
                  batch-size = 1000
                  buffer-size = 50000
                  # Opened by failures (the database away), the breaker fails calls fast; it lets one through every
                  # reset-timeout. The default 30 s would keep trackers failing that long after the database is back.
                  circuit-breaker { max-failures = 10, call-timeout = 10s, reset-timeout = 2s }
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  connection-string = {{Quote(snapshotConnectionString)}}
                  provider-name = "{{providerName}}"
                  auto-initialize = on
                  # No breaker in effect here. A half-open breaker throws at the second concurrent call instead of
                  # failing its task, which crashes and restarts the snapshot store; the load that hit it is lost and
                  # its tracker hangs in recovery for recovery-event-timeout (30 s). Failing calls fail on their own.
                  circuit-breaker { max-failures = 1000000, call-timeout = 20s, reset-timeout = 2s }
                }
              }
            }
            """;
        return builder
            .AddHocon(ConfigurationFactory.ParseString(hocon), HoconAddMode.Prepend)
            .AddHocon(SqlPersistence.DefaultConfiguration, HoconAddMode.Append);
    }

    /// <summary>
    /// Connections per node unless the connection string says otherwise. Npgsql's default of 100 per pool let one node
    /// take every connection a default server allows (max_connections = 100) and fail the other nodes with 53300; a
    /// few connections carry a node's journal, snapshot and recovery queries as well.
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    public static string WithPoolLimit(string connectionString)
    {
        // Npgsql's own builder reports every keyword it knows as present; the plain one only what was written.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var sayso = given.Keys.Cast<string>().Any(k => k.Replace(" ", "").ToLowerInvariant() is "maximumpoolsize" or "maxpoolsize");
        if (sayso) return connectionString;
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
