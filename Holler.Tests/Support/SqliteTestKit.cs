namespace Holler.Tests.Support;

/// <summary>A <see cref="PersistenceTestKit"/> on SQLite files, for suites whose subject is not the store.</summary>
public abstract class SqliteTestKit(string actorSystemName, ITestOutputHelper output)
    : PersistenceTestKit(StorageBackend.Sqlite, actorSystemName, output);
