using System.Diagnostics;
using Akka.Actor;
using Holler.Domain.History;
using Holler.Generation;
using Holler.History;

namespace Holler.Host.Commands.Bench;

/// <summary>What the history scenario measured on one store.</summary>
/// <param name="RowsPerSecond">Minute rows a stream of <paramref name="EventsPerSecond"/> closes per second (one per
/// business with events in a minute).</param>
/// <param name="Capacity">Rows per second the store took when written as fast as it could.</param>
public sealed record HistoryResult(string Provider, double EventsPerSecond, int Businesses, double RowsPerSecond, long Offered,
    long Written, long Dropped, int MaxQueued, TimeSpan FinalFlush, double Capacity)
{
    /// <summary>Kept up: nothing dropped and the queue empty within a flush interval or two after the stream.</summary>
    public bool KeptUp => Dropped == 0 && FinalFlush < TimeSpan.FromSeconds(5);
}

/// <summary>
/// <c>holler bench --scenarios history</c>: the minute rows a Zipf-popular stream of events/s closes, fed at that pace
/// to a real <see cref="HistoryWriter"/> on SQLite or PostgreSQL for the duration; then the same store written as fast
/// as it goes, for its headroom. See docs/history.md#measured.
/// </summary>
public static class HistoryScenario
{
    public static async Task<HistoryResult> RunAsync(BenchSettings settings, IBenchStep step, CancellationToken token)
    {
        var directory = Directory.CreateTempSubdirectory("holler-bench-history-").FullName;
        using var system = ActorSystem.Create("bench-history");
        try
        {
            var store = settings.HistoryConnectionString is { Length: > 0 } pg
                ? new HistoryStore(HistoryProvider.Postgres, pg)
                : new HistoryStore(HistoryProvider.Sqlite, HistoryStore.SqliteConnectionStringFor(directory));
            await store.InitializeAsync(token);
            var metrics = new HistoryMetrics();
            var writer = system.ActorOf(HistoryWriter.PropsFor(store, HistorySettings.Default, metrics, _ => ("", "")));

            var zipf = new ZipfSampler(settings.Businesses, settings.Zipf);
            var random = new Random(42);
            var seconds = (int)Math.Max(60, settings.Duration.TotalSeconds);
            var startMinute = HistoryRange.UnixMinute(DateTimeOffset.UtcNow) - seconds / 60 - 10;
            var offered = 0L;
            var maxQueued = 0;
            var clock = Stopwatch.StartNew();
            MinuteRollup[] minute = [];
            for (var s = 0; s < seconds; s++)
            {
                // A minute's rows, made when it starts and handed over in sixtieths: trackers close minutes all through
                // the next minute, as their businesses' events move on.
                if (s % 60 == 0) minute = MinuteRows(zipf, random, settings.HistoryRate * 60, startMinute + s / 60);
                var slice = minute.AsSpan(minute.Length * (s % 60) / 60, minute.Length * (s % 60 + 1) / 60 - minute.Length * (s % 60) / 60).ToArray();
                writer.Tell(new RecordMinutes(slice));
                offered += slice.Length;
                var due = TimeSpan.FromSeconds(s + 1) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due, token);
                maxQueued = Math.Max(maxQueued, (int)metrics.Queued);
                step.Report(100.0 * (s + 1) / seconds, $"{offered:N0} rows offered, {metrics.Written:N0} written, {metrics.Queued:N0} queued");
            }
            var flushStarted = Stopwatch.StartNew();
            await writer.Ask<HistoryFlushed>(FlushHistory.Instance, TimeSpan.FromMinutes(5), token);
            var finalFlush = flushStarted.Elapsed;

            // Headroom: a minute's rows again (a later minute), written in the writer's batches back to back.
            var burst = MinuteRows(zipf, random, settings.HistoryRate * 60, startMinute + seconds / 60 + 1);
            var timer = Stopwatch.StartNew();
            for (var i = 0; i < burst.Length; i += HistorySettings.Default.BatchSize)
                await store.WriteAsync(burst.AsSpan(i, Math.Min(HistorySettings.Default.BatchSize, burst.Length - i)).ToArray(), [], token);
            var capacity = burst.Length / timer.Elapsed.TotalSeconds;
            return new HistoryResult(store.Provider.ToString().ToLowerInvariant(), settings.HistoryRate, settings.Businesses,
                offered / (double)seconds, offered, metrics.Written, metrics.Dropped, maxQueued, finalFlush, capacity);
        }
        finally
        {
            await system.Terminate();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>One minute's rows: <paramref name="events"/> Zipf draws, one row per business drawn.</summary>
    private static MinuteRollup[] MinuteRows(ZipfSampler zipf, Random random, double events, long minute)
    {
        var counts = new Dictionary<int, int>();
        for (var i = 0; i < (long)events; i++)
        {
            var rank = zipf.Sample(random.NextDouble());
            counts[rank] = counts.GetValueOrDefault(rank) + 1;
        }
        return counts.Select(kv => new MinuteRollup("b" + kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), minute,
            kv.Value, kv.Value, 0, false, false)).ToArray();
    }
}
