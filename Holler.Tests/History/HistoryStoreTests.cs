using Holler.Domain.History;
using Holler.History;
using Holler.Tests.Support;

namespace Holler.Tests.History;

/// <summary>The history store on real SQLite and PostgreSQL: upserts that converge, downsampling and retention, and
/// the queries the dashboard and <c>holler history</c> ask.</summary>
public sealed class HistoryStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly long NowMinute = HistoryRange.UnixMinute(Now);

    private sealed class Fixture : IDisposable
    {
        private readonly TestStorage _storage;

        public Fixture(StorageBackend backend)
        {
            _storage = TestStorage.Create(backend);
            Store = backend == StorageBackend.Sqlite
                ? new HistoryStore(HistoryProvider.Sqlite, HistoryStore.SqliteConnectionStringFor(_storage.Directory))
                : new HistoryStore(HistoryProvider.Postgres, _storage.Database.ConnectionString);
        }

        public HistoryStore Store { get; }

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _storage.Dispose();
        }
    }

    private static MinuteRollup Row(string id, long minute, int count, double severity = 0, bool surging = false) =>
        new(id, minute, count, count * 0.5, severity, surging, false);

    [Theory]
    [InlineData(StorageBackend.Sqlite)]
    [InlineData(StorageBackend.Postgres)]
    public async Task Writing_the_same_minutes_again_converges_to_the_full_counts(StorageBackend backend)
    {
        using var fixture = new Fixture(backend);
        var store = fixture.Store;
        var token = TestContext.Current.CancellationToken;
        MinuteRollup[] rows = [Row("a", NowMinute - 3, 5), Row("a", NowMinute - 2, 7), Row("b", NowMinute - 2, 1)];

        await store.WriteAsync(rows, [], token);
        await store.WriteAsync(rows, [], token); // a replay after a restart
        // A provisional row written late, after its final one: it must not lower the count.
        await store.WriteAsync([Row("a", NowMinute - 2, 3)], [], token);
        // A later, final count replaces a provisional one.
        await store.WriteAsync([Row("b", NowMinute - 2, 4, severity: 6, surging: true)], [], token);

        var a = await store.TrendAsync("a", Now.AddMinutes(-10), Now, HistoryResolution.Minute, Now, TimeSpan.FromDays(14), token);
        Assert.Equal([5L, 7L], a.Select(p => p.Count));
        Assert.Equal([(NowMinute - 3) * 60_000, (NowMinute - 2) * 60_000], a.Select(p => p.AtMs));
        var b = Assert.Single(await store.TrendAsync("b", Now.AddMinutes(-10), Now, HistoryResolution.Minute, Now, TimeSpan.FromDays(14), token));
        Assert.Equal(4, b.Count);
        Assert.True(b.Surging);
        Assert.Equal(6, b.MaxSeverity);
        Assert.Equal((3L, 0L, 0L), await store.CountRowsAsync(token));
    }

    [Theory]
    [InlineData(StorageBackend.Sqlite)]
    [InlineData(StorageBackend.Postgres)]
    public async Task Surges_upsert_by_business_and_start_keeping_the_peaks(StorageBackend backend)
    {
        using var fixture = new Fixture(backend);
        var store = fixture.Store;
        var token = TestContext.Current.CancellationToken;
        var start = Now.AddMinutes(-30).ToUnixTimeMilliseconds();
        var started = new HistorySurge("a", start, 0, 5, 100, 4, false, "Pizza", "Austin");
        var ended = started with { EndedMs = start + 600_000, PeakScore = 9, PeakCount = 300, PeakRatio = 8 };
        await store.WriteAsync([], [started], token);
        await store.WriteAsync([], [ended], token);
        await store.WriteAsync([], [started], token); // the start reported again by another node's writer

        var surge = Assert.Single(await store.SurgesOfAsync("a", Now.AddDays(-1), Now, token));
        Assert.Equal(ended, surge);
    }

    [Theory]
    [InlineData(StorageBackend.Sqlite)]
    [InlineData(StorageBackend.Postgres)]
    public async Task Retention_downsamples_minutes_into_hours_and_deletes_what_is_past_retention(StorageBackend backend)
    {
        using var fixture = new Fixture(backend);
        var store = fixture.Store;
        var token = TestContext.Current.CancellationToken;
        // Short retention: minutes for 2 hours, hours for 1 day, surges for 3 days.
        var settings = HistorySettings.Default with
        {
            MinuteRetention = TimeSpan.FromHours(2), HourRetention = TimeSpan.FromDays(1), SurgeRetention = TimeSpan.FromDays(3),
        };
        var hourNow = NowMinute / 60;
        var rows = new List<MinuteRollup>();
        // Every minute of the last 5 hours: count = the minute's index within its hour + 1 (sum per hour 1 + … + 60 = 1830).
        for (var m = (hourNow - 5) * 60; m < hourNow * 60; m++) rows.Add(Row("a", m, (int)(m % 60) + 1, severity: m % 60 == 30 ? 7 : 1));
        // A minute two days old (an hour row of its own must go too) and surges 1 and 5 days old.
        rows.Add(Row("a", NowMinute - 2 * 24 * 60, 9));
        await store.WriteAsync(rows, [
            new HistorySurge("a", Now.AddDays(-1).ToUnixTimeMilliseconds(), Now.AddDays(-1).AddMinutes(5).ToUnixTimeMilliseconds(), 5, 1, 2, false, "", ""),
            new HistorySurge("a", Now.AddDays(-5).ToUnixTimeMilliseconds(), Now.AddDays(-5).AddMinutes(5).ToUnixTimeMilliseconds(), 5, 1, 2, false, "", ""),
        ], token);

        var deleted = await store.ApplyRetentionAsync(settings, Now, token: token);
        // Twice: downsampling recomputes hours, so a second run changes nothing.
        var again = await store.ApplyRetentionAsync(settings, Now, token: token);

        Assert.Equal(3 * 60 + 1, deleted.Minutes); // hours −5, −4, −3 and the old minute
        Assert.Equal(1, deleted.Hours); // the two-day-old hour
        Assert.Equal(1, deleted.Surges);
        Assert.Equal((0, 0, 0), again);
        Assert.Equal((120L, 5L, 1L), await store.CountRowsAsync(token));

        // Per hour over the 5 hours: the first three from hour rows, the last two summed from minutes; all equal.
        var hours = await store.TrendAsync("a", Now.AddHours(-5), Now, HistoryResolution.Hour, Now, settings.MinuteRetention, token);
        Assert.Equal(Enumerable.Range(-5, 5).Select(h => (hourNow + h) * 3_600_000), hours.Select(p => p.AtMs));
        Assert.All(hours, p => Assert.Equal(1830, p.Count));
        Assert.All(hours, p => Assert.Equal(7, p.MaxSeverity));
        // Per minute, only the 2 hours kept.
        var minutes = await store.TrendAsync("a", Now.AddHours(-5), Now, HistoryResolution.Minute, Now, settings.MinuteRetention, token);
        Assert.Equal(120, minutes.Count);
    }

    [Theory]
    [InlineData(StorageBackend.Sqlite)]
    [InlineData(StorageBackend.Postgres)]
    public async Task A_past_leaderboard_ranks_the_surges_of_its_period_by_peak_severity(StorageBackend backend)
    {
        using var fixture = new Fixture(backend);
        var store = fixture.Store;
        var token = TestContext.Current.CancellationToken;
        long Ms(double minutesAgo) => Now.AddMinutes(-minutesAgo).ToUnixTimeMilliseconds();
        await store.WriteAsync([], [
            new HistorySurge("in-low", Ms(50), Ms(40), 4, 10, 3, false, "Pizza", "Austin"),
            new HistorySurge("in-high", Ms(30), 0, 12, 10, 9, false, "Pizza", "Boston"),
            new HistorySurge("began-before", Ms(90), Ms(55), 8, 10, 5, false, "Bars", "Austin"),
            new HistorySurge("ended-before", Ms(120), Ms(70), 20, 10, 5, false, "Bars", "Austin"),
            new HistorySurge("a-drop", Ms(20), Ms(10), 30, 1, 0.1, true, "Bars", "Austin"),
        ], token);

        var top = await store.TopSurgesAsync(Now.AddHours(-1), Now, 10, token: token);
        Assert.Equal(["in-high", "began-before", "in-low"], top.Select(s => s.BusinessId));
        Assert.Equal(["in-high"], (await store.TopSurgesAsync(Now.AddHours(-1), Now, 1, token: token)).Select(s => s.BusinessId));
        Assert.Equal(["a-drop"], (await store.TopSurgesAsync(Now.AddHours(-1), Now, 10, drops: true, token: token)).Select(s => s.BusinessId));

        var tallies = await store.SurgeTalliesAsync(Now.AddDays(-1), Now, TimeSpan.FromDays(1), token: token);
        var day = Now.AddDays(-1).ToUnixTimeMilliseconds() / 86_400_000 * 86_400_000;
        Assert.Contains(new SurgeTally(Now.ToUnixTimeMilliseconds() / 86_400_000 * 86_400_000, "Bars", "Austin", 2, 1), tallies);
        Assert.Contains(tallies, t => t is { Category: "Pizza", City: "Boston", Surges: 1 });
        Assert.DoesNotContain(tallies, t => t.AtMs < day);
        var austinPizza = await store.SurgeTalliesAsync(Now.AddDays(-1), Now, TimeSpan.FromHours(1), "Pizza", "Austin", token);
        Assert.Equal([("Pizza", "Austin", 1)], austinPizza.Select(t => (t.Category, t.City, t.Surges)));
    }
}
