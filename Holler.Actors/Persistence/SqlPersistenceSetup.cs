using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql;
using Npgsql;

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
            journalConnectionString = WithBoundedPool(journalConnectionString);
            snapshotConnectionString = WithBoundedPool(snapshotConnectionString);
        }
        // SQLite has one writer at a time; parallel journal writers only take turns through its busy-wait (sleep and
        // retry), which showed up as most of the ingest's latency. PostgreSQL takes them in parallel.
        var writers = provider == PersistenceProvider.Sqlite ? 1 : 3;
        var hocon = $$"""
            akka.persistence {
              # Most trackers have a tiny history, and a node starting amid traffic recovers thousands a second.
              max-concurrent-recoveries = 1000
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
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  connection-string = {{Quote(snapshotConnectionString)}}
                  provider-name = "{{providerName}}"
                  auto-initialize = on
                }
              }
            }
            """;
        return builder
            .AddHocon(ConfigurationFactory.ParseString(hocon), HoconAddMode.Prepend)
            .AddHocon(SqlPersistence.DefaultConfiguration, HoconAddMode.Append);
    }

    /// <summary>Connections each node may hold unless the connection string says otherwise.</summary>
    public const int DefaultPostgresPoolSize = 20;

    /// <summary>
    /// Npgsql pools up to 100 connections per connection string, PostgreSQL allows 100 clients by default: two nodes
    /// recovering trackers at once took every slot and the rest failed with "too many clients". A node's journal writes
    /// and recoveries are short queries; a few dozen connections serve thousands a second.
    /// </summary>
    internal static string WithBoundedPool(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(k => k.Replace(" ", "").Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase)
                                               || k.Replace(" ", "").Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase)))
            return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultPostgresPoolSize }.ConnectionString;
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
