using System.Data.Common;
using Holler.Domain.History;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Holler.History;

/// <summary>Where the history lives: PostgreSQL in production, an SQLite file in the data folder embedded.</summary>
public enum HistoryProvider { Sqlite, Postgres }

/// <summary>
/// The history tables and every read and write of them, in SQL both SQLite and PostgreSQL run (upserts with
/// <c>ON CONFLICT … DO UPDATE</c>); the few differences are <see cref="Greatest"/>/<see cref="Least"/>. Thread-safe:
/// each call opens its own (pooled) connection. See docs/history.md#tables.
/// </summary>
public sealed class HistoryStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _schema = new(1, 1);
    private volatile bool _ready;

    public HistoryStore(HistoryProvider provider, string connectionString)
    {
        Provider = provider;
        _connectionString = provider == HistoryProvider.Sqlite
            ? new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30, Pooling = true }.ToString()
            : connectionString;
    }

    public HistoryProvider Provider { get; }

    private string Greatest => Provider == HistoryProvider.Sqlite ? "MAX" : "GREATEST";
    private string Least => Provider == HistoryProvider.Sqlite ? "MIN" : "LEAST";

    /// <summary>The SQLite file of a data folder.</summary>
    public static string SqliteConnectionStringFor(string dataDir) => $"Data Source={Path.Combine(dataDir, "history.db")}";

    private async Task<DbConnection> OpenAsync(CancellationToken token)
    {
        DbConnection connection = Provider == HistoryProvider.Sqlite
            ? new SqliteConnection(_connectionString)
            : new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(token);
        if (Provider == HistoryProvider.Sqlite)
            // Readers (the dashboard, the operator API) must not wait for the writer, nor it for them.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", token);
        if (!_ready) await CreateSchemaAsync(connection, token);
        return connection;
    }

    private async Task CreateSchemaAsync(DbConnection connection, CancellationToken token)
    {
        await _schema.WaitAsync(token);
        try
        {
            if (_ready) return;
            var real = Provider == HistoryProvider.Sqlite ? "REAL" : "DOUBLE PRECISION";
            await ExecuteAsync(connection, null, $"""
                CREATE TABLE IF NOT EXISTS history_minute (
                  business_id TEXT NOT NULL, minute BIGINT NOT NULL, count BIGINT NOT NULL, expected {real} NOT NULL,
                  severity {real} NOT NULL, surging INTEGER NOT NULL, is_drop INTEGER NOT NULL,
                  PRIMARY KEY (business_id, minute));
                CREATE INDEX IF NOT EXISTS history_minute_by_minute ON history_minute (minute);
                CREATE TABLE IF NOT EXISTS history_hour (
                  business_id TEXT NOT NULL, hour BIGINT NOT NULL, count BIGINT NOT NULL, expected {real} NOT NULL,
                  severity {real} NOT NULL, surging INTEGER NOT NULL, is_drop INTEGER NOT NULL,
                  PRIMARY KEY (business_id, hour));
                CREATE INDEX IF NOT EXISTS history_hour_by_hour ON history_hour (hour);
                CREATE TABLE IF NOT EXISTS history_surge (
                  business_id TEXT NOT NULL, started_ms BIGINT NOT NULL, ended_ms BIGINT NOT NULL, peak_score {real} NOT NULL,
                  peak_count BIGINT NOT NULL, peak_ratio {real} NOT NULL, is_drop INTEGER NOT NULL, category TEXT NOT NULL,
                  city TEXT NOT NULL, PRIMARY KEY (business_id, started_ms));
                CREATE INDEX IF NOT EXISTS history_surge_by_start ON history_surge (started_ms);
                """, token);
            _ready = true;
        }
        catch (PostgresException e) when (e.SqlState is "23505" or "42P07")
        {
            // Two nodes created the same table at once; the other one won, which is as good.
            _ready = true;
        }
        finally
        {
            _schema.Release();
        }
    }

    /// <summary>Creates the tables if they are missing (also done by the first call of anything else).</summary>
    public async Task InitializeAsync(CancellationToken token = default)
    {
        await using var connection = await OpenAsync(token);
    }

    /// <summary>
    /// Upserts minute rows and surges in one transaction. A minute's count only grows (a provisional row is replaced
    /// by its final one; a stale one never lowers it), so writing the same rows twice leaves the same table.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<MinuteRollup> minutes, IReadOnlyList<HistorySurge> surges, CancellationToken token = default)
    {
        if (minutes.Count == 0 && surges.Count == 0) return;
        await using var connection = await OpenAsync(token);
        await using var transaction = await connection.BeginTransactionAsync(token);
        if (minutes.Count > 0)
        {
            if (Provider == HistoryProvider.Sqlite) await WriteMinutesSqliteAsync(connection, transaction, minutes, token);
            else await WriteMinutesPostgresAsync(connection, transaction, minutes, token);
        }
        foreach (var surge in surges)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"""
                INSERT INTO history_surge (business_id, started_ms, ended_ms, peak_score, peak_count, peak_ratio, is_drop, category, city)
                VALUES (@b, @s, @e, @ps, @pc, @pr, @d, @cat, @city)
                ON CONFLICT (business_id, started_ms) DO UPDATE SET
                  ended_ms = {Greatest}(history_surge.ended_ms, excluded.ended_ms),
                  peak_score = {Greatest}(history_surge.peak_score, excluded.peak_score),
                  peak_count = CASE WHEN excluded.is_drop = 1 THEN {Least}(history_surge.peak_count, excluded.peak_count)
                                    ELSE {Greatest}(history_surge.peak_count, excluded.peak_count) END,
                  peak_ratio = CASE WHEN excluded.is_drop = 1 THEN {Least}(history_surge.peak_ratio, excluded.peak_ratio)
                                    ELSE {Greatest}(history_surge.peak_ratio, excluded.peak_ratio) END
                """;
            Add(command, "b", surge.BusinessId);
            Add(command, "s", surge.StartedMs);
            Add(command, "e", surge.EndedMs);
            Add(command, "ps", surge.PeakScore);
            Add(command, "pc", surge.PeakCount);
            Add(command, "pr", surge.PeakRatio);
            Add(command, "d", surge.Drop ? 1 : 0);
            Add(command, "cat", surge.Category);
            Add(command, "city", surge.City);
            await command.ExecuteNonQueryAsync(token);
        }
        await transaction.CommitAsync(token);
    }

    private string MinuteConflict => $"""
         ON CONFLICT (business_id, minute) DO UPDATE SET
          count = {Greatest}(history_minute.count, excluded.count), expected = excluded.expected,
          severity = {Greatest}(history_minute.severity, excluded.severity),
          surging = {Greatest}(history_minute.surging, excluded.surging), is_drop = {Greatest}(history_minute.is_drop, excluded.is_drop)
        """;

    /// <summary>SQLite: one prepared single-row upsert run per row inside the transaction. A multi-row statement with
    /// thousands of named parameters was slower than that: each is looked up by name when bound.</summary>
    private async Task WriteMinutesSqliteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<MinuteRollup> minutes,
        CancellationToken token)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO history_minute (business_id, minute, count, expected, severity, surging, is_drop) " +
                              "VALUES ($b, $m, $c, $e, $s, $u, $d)" + MinuteConflict;
        var p = new[] { "$b", "$m", "$c", "$e", "$s", "$u", "$d" }.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        command.Prepare();
        foreach (var row in minutes)
        {
            p[0].Value = row.BusinessId;
            p[1].Value = row.Minute;
            p[2].Value = (long)row.Count;
            p[3].Value = row.Expected;
            p[4].Value = row.Severity;
            p[5].Value = row.Surging ? 1 : 0;
            p[6].Value = row.Drop ? 1 : 0;
            await command.ExecuteNonQueryAsync(token);
        }
    }

    /// <summary>PostgreSQL: the whole batch as arrays in one statement (<c>unnest</c>), one round trip.</summary>
    private async Task WriteMinutesPostgresAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<MinuteRollup> minutes,
        CancellationToken token)
    {
        await using var command = (NpgsqlCommand)connection.CreateCommand();
        command.Transaction = (NpgsqlTransaction)transaction;
        command.CommandText = "INSERT INTO history_minute (business_id, minute, count, expected, severity, surging, is_drop) " +
                              "SELECT * FROM unnest(@b, @m, @c, @e, @s, @u, @d)" + MinuteConflict;
        command.Parameters.AddWithValue("b", minutes.Select(r => r.BusinessId).ToArray());
        command.Parameters.AddWithValue("m", minutes.Select(r => r.Minute).ToArray());
        command.Parameters.AddWithValue("c", minutes.Select(r => (long)r.Count).ToArray());
        command.Parameters.AddWithValue("e", minutes.Select(r => r.Expected).ToArray());
        command.Parameters.AddWithValue("s", minutes.Select(r => r.Severity).ToArray());
        command.Parameters.AddWithValue("u", minutes.Select(r => r.Surging ? 1 : 0).ToArray());
        command.Parameters.AddWithValue("d", minutes.Select(r => r.Drop ? 1 : 0).ToArray());
        await command.ExecuteNonQueryAsync(token);
    }

    /// <summary>
    /// Downsamples minutes into hours (recomputed from the minutes, so running it twice changes nothing), then deletes
    /// minutes, hours and surges past their retention. Hours are recomputed from <paramref name="downsampleFrom"/>
    /// on, or from the oldest minute kept when null.
    /// </summary>
    /// <returns>Rows deleted: minutes, hours, surges.</returns>
    public async Task<(int Minutes, int Hours, int Surges)> ApplyRetentionAsync(HistorySettings settings, DateTimeOffset now,
        DateTimeOffset? downsampleFrom = null, CancellationToken token = default)
    {
        await using var connection = await OpenAsync(token);
        await using var transaction = await connection.BeginTransactionAsync(token);
        var fromMinute = downsampleFrom is { } from ? HistoryRange.UnixMinute(from) / 60 * 60 : long.MinValue;
        await ExecuteAsync(connection, transaction, """
            INSERT INTO history_hour (business_id, hour, count, expected, severity, surging, is_drop)
            SELECT business_id, minute / 60, SUM(count), SUM(expected), MAX(severity), MAX(surging), MAX(is_drop)
            FROM history_minute WHERE minute >= @from GROUP BY business_id, minute / 60
            ON CONFLICT (business_id, hour) DO UPDATE SET count = excluded.count, expected = excluded.expected,
              severity = excluded.severity, surging = excluded.surging, is_drop = excluded.is_drop
            """, token, ("from", fromMinute));
        var minutes = await ExecuteAsync(connection, transaction, "DELETE FROM history_minute WHERE minute < @before", token,
            ("before", HistoryRange.UnixMinute(now - settings.MinuteRetention)));
        var hours = await ExecuteAsync(connection, transaction, "DELETE FROM history_hour WHERE hour < @before", token,
            ("before", HistoryRange.UnixMinute(now - settings.HourRetention) / 60));
        var surges = settings.SurgeRetention is { } keep
            ? await ExecuteAsync(connection, transaction, "DELETE FROM history_surge WHERE started_ms < @before", token,
                ("before", (now - keep).ToUnixTimeMilliseconds()))
            : 0;
        await transaction.CommitAsync(token);
        return (minutes, hours, surges);
    }

    /// <summary>
    /// A business's trend from <paramref name="from"/> to <paramref name="to"/>, per minute or per hour. Hours still
    /// covered by minute rows are summed from them (the hour rows of the last hours may not be downsampled yet); older
    /// hours come from the hour rows.
    /// </summary>
    public async Task<IReadOnlyList<HistoryPoint>> TrendAsync(string businessId, DateTimeOffset from, DateTimeOffset to,
        HistoryResolution resolution, DateTimeOffset now, TimeSpan minuteRetention, CancellationToken token = default)
    {
        await using var connection = await OpenAsync(token);
        var fromMinute = HistoryRange.UnixMinute(from);
        var toMinute = HistoryRange.UnixMinute(to);
        string sql;
        var parameters = new List<(string, object)> { ("b", businessId) };
        if (resolution == HistoryResolution.Minute)
        {
            sql = """
                SELECT minute * 60000, count, expected, severity, surging, is_drop FROM history_minute
                WHERE business_id = @b AND minute >= @f AND minute < @t ORDER BY minute
                """;
            parameters.Add(("f", fromMinute));
            parameters.Add(("t", toMinute));
        }
        else
        {
            // First hour wholly kept per minute.
            var boundary = ClosedMinutes.FloorDiv(HistoryRange.UnixMinute(now - minuteRetention), 60) + 1;
            var fromHour = ClosedMinutes.FloorDiv(fromMinute, 60);
            var toHour = ClosedMinutes.FloorDiv(toMinute + 59, 60);
            sql = """
                SELECT hour * 3600000, count, expected, severity, surging, is_drop FROM history_hour
                WHERE business_id = @b AND hour >= @f AND hour < @t AND hour < @boundary
                UNION ALL
                SELECT (minute / 60) * 3600000, SUM(count), SUM(expected), MAX(severity), MAX(surging), MAX(is_drop) FROM history_minute
                WHERE business_id = @b AND minute >= @fm AND minute < @tm GROUP BY minute / 60
                ORDER BY 1
                """;
            parameters.Add(("f", fromHour));
            parameters.Add(("t", toHour));
            parameters.Add(("boundary", boundary));
            parameters.Add(("fm", Math.Max(boundary, fromHour) * 60));
            parameters.Add(("tm", toHour * 60));
        }
        var points = new List<HistoryPoint>();
        await using var command = Command(connection, null, sql, parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
            points.Add(new HistoryPoint(Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)),
                Convert.ToDouble(reader.GetValue(2)), Convert.ToDouble(reader.GetValue(3)),
                Convert.ToInt64(reader.GetValue(4)) != 0, Convert.ToInt64(reader.GetValue(5)) != 0));
        return points;
    }

    /// <summary>The surges (not drops, unless <paramref name="drops"/>) going on at any time between
    /// <paramref name="from"/> and <paramref name="to"/>, highest peak severity first.</summary>
    public Task<IReadOnlyList<HistorySurge>> TopSurgesAsync(DateTimeOffset from, DateTimeOffset to, int limit, bool drops = false,
        CancellationToken token = default) =>
        SurgesAsync("""
            WHERE started_ms < @t AND (ended_ms = 0 OR ended_ms >= @f) AND is_drop = @d
            ORDER BY peak_score DESC, started_ms LIMIT @n
            """, token, ("f", from.ToUnixTimeMilliseconds()), ("t", to.ToUnixTimeMilliseconds()), ("d", drops ? 1 : 0), ("n", limit));

    /// <summary>One business's surges and drops that started in the range, oldest first: its calendar.</summary>
    public Task<IReadOnlyList<HistorySurge>> SurgesOfAsync(string businessId, DateTimeOffset from, DateTimeOffset to,
        CancellationToken token = default) =>
        SurgesAsync("WHERE business_id = @b AND started_ms >= @f AND started_ms < @t ORDER BY started_ms", token,
            ("b", businessId), ("f", from.ToUnixTimeMilliseconds()), ("t", to.ToUnixTimeMilliseconds()));

    /// <summary>Surges and drops started per bucket (an hour, a day…) by category and city, optionally only one of each.</summary>
    public async Task<IReadOnlyList<SurgeTally>> SurgeTalliesAsync(DateTimeOffset from, DateTimeOffset to, TimeSpan bucket,
        string? category = null, string? city = null, CancellationToken token = default)
    {
        await using var connection = await OpenAsync(token);
        var bucketMs = (long)bucket.TotalMilliseconds;
        await using var command = Command(connection, null, $"""
            SELECT (started_ms / @k) * @k, category, city, SUM(1 - is_drop), SUM(is_drop) FROM history_surge
            WHERE started_ms >= @f AND started_ms < @t {(category is null ? "" : "AND category = @cat")} {(city is null ? "" : "AND city = @city")}
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            """, ("k", bucketMs), ("f", from.ToUnixTimeMilliseconds()), ("t", to.ToUnixTimeMilliseconds()),
            ("cat", category ?? ""), ("city", city ?? ""));
        await using var reader = await command.ExecuteReaderAsync(token);
        var tallies = new List<SurgeTally>();
        while (await reader.ReadAsync(token))
            tallies.Add(new SurgeTally(Convert.ToInt64(reader.GetValue(0)), reader.GetString(1), reader.GetString(2),
                Convert.ToInt32(reader.GetValue(3)), Convert.ToInt32(reader.GetValue(4))));
        return tallies;
    }

    /// <summary>Rows in each table, for the operator's status and tests.</summary>
    public async Task<(long Minutes, long Hours, long Surges)> CountRowsAsync(CancellationToken token = default)
    {
        await using var connection = await OpenAsync(token);
        async Task<long> Count(string table)
        {
            await using var command = Command(connection, null, $"SELECT COUNT(*) FROM {table}");
            return Convert.ToInt64(await command.ExecuteScalarAsync(token));
        }
        return (await Count("history_minute"), await Count("history_hour"), await Count("history_surge"));
    }

    private async Task<IReadOnlyList<HistorySurge>> SurgesAsync(string where, CancellationToken token, params (string, object)[] parameters)
    {
        await using var connection = await OpenAsync(token);
        await using var command = Command(connection, null,
            "SELECT business_id, started_ms, ended_ms, peak_score, peak_count, peak_ratio, is_drop, category, city FROM history_surge " + where,
            parameters);
        await using var reader = await command.ExecuteReaderAsync(token);
        var surges = new List<HistorySurge>();
        while (await reader.ReadAsync(token))
            surges.Add(new HistorySurge(reader.GetString(0), Convert.ToInt64(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2)),
                Convert.ToDouble(reader.GetValue(3)), Convert.ToInt64(reader.GetValue(4)), Convert.ToDouble(reader.GetValue(5)),
                Convert.ToInt64(reader.GetValue(6)) != 0, reader.GetString(7), reader.GetString(8)));
        return surges;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) Add(command, name, value);
        return command;
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken token,
        params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(token);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
