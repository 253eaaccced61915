using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql;

namespace Holler.Persistence;

public enum PersistenceProvider { Sqlite, Postgres }

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
        var providerName = provider == PersistenceProvider.Sqlite ? "SQLite.MS" : "PostgreSQL.15";
        var hocon = $$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  connection-string = {{Quote(journalConnectionString)}}
                  provider-name = "{{providerName}}"
                  auto-initialize = on
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

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
