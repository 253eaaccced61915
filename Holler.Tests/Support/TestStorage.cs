using Holler.Persistence;
using Microsoft.Data.Sqlite;

namespace Holler.Tests.Support;

/// <summary>The durable stores the persistence tests run against, each one of them.</summary>
public enum StorageBackend { Sqlite, Postgres }

/// <summary>
/// Storage for one test: SQLite files in a fresh temporary folder (journal and snapshots apart, akka.net #3538) or a
/// fresh PostgreSQL database; disposing deletes it.
/// </summary>
public sealed class TestStorage : IDisposable
{
    private readonly PostgresDatabase? _database;

    private TestStorage(StorageBackend backend, string directory, PostgresDatabase? database)
    {
        Backend = backend;
        Directory = directory;
        _database = database;
    }

    public StorageBackend Backend { get; }

    /// <summary>A temporary folder of this test's own (SQLite files, the generator's truth, …).</summary>
    public string Directory { get; }

    public PersistenceProvider Provider => Backend == StorageBackend.Sqlite ? PersistenceProvider.Sqlite : PersistenceProvider.Postgres;

    public PostgresDatabase Database => _database ?? throw new InvalidOperationException("not a PostgreSQL test");

    public string JournalConnectionString => _database?.ConnectionString ?? $"Data Source={Path.Combine(Directory, "journal.db")}";
    public string SnapshotConnectionString => _database?.ConnectionString ?? $"Data Source={Path.Combine(Directory, "snapshots.db")}";

    public static TestStorage Create(StorageBackend backend)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("holler-tests-").FullName;
        try
        {
            return new TestStorage(backend, directory, backend == StorageBackend.Postgres ? PostgresServer.CreateDatabase() : null);
        }
        catch
        {
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Points a node's settings at this storage.</summary>
    public void Apply(Holler.Host.Configuration.HollerOptions options)
    {
        options.DataDir = Directory;
        options.Persistence.Provider = Backend == StorageBackend.Sqlite ? "sqlite" : "postgres";
        options.Persistence.ConnectionString = _database?.ConnectionString ?? "";
    }

    public void Dispose()
    {
        try { _database?.Dispose(); }
        finally
        {
            // Pooled connections keep SQLite files open.
            SqliteConnection.ClearAllPools();
            try { System.IO.Directory.Delete(Directory, recursive: true); }
            catch (IOException) { /* best effort: the OS temp directory is cleaned eventually */ }
        }
    }
}
