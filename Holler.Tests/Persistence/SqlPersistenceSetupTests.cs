using Holler.Ingest;
using Holler.Persistence;
using Npgsql;

namespace Holler.Tests.Persistence;

public sealed class SqlPersistenceSetupTests
{
    [Fact]
    public void A_postgres_pool_is_limited_unless_the_connection_string_sets_it()
    {
        var limited = new NpgsqlConnectionStringBuilder(SqlPersistenceSetup.WithPoolLimit("Host=db;Database=holler"));
        var mine = new NpgsqlConnectionStringBuilder(SqlPersistenceSetup.WithPoolLimit("Host=db;Database=holler;Maximum Pool Size=7"));
        var mineToo = new NpgsqlConnectionStringBuilder(SqlPersistenceSetup.WithPoolLimit("Host=db;MaxPoolSize=9"));

        Assert.Equal(SqlPersistenceSetup.DefaultMaxPoolSize, limited.MaxPoolSize);
        Assert.Equal("db", limited.Host);
        Assert.Equal(7, mine.MaxPoolSize);
        Assert.Equal(9, mineToo.MaxPoolSize);
    }

    [Fact]
    public void Ingest_re_sends_back_off_from_a_quarter_second_to_ten_seconds()
    {
        var delays = Enumerable.Range(1, 9).Select(a => BatchDelivery.RetryDelay(a).TotalMilliseconds).ToList();

        Assert.Equal([250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000], delays);
    }
}
