using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Confluent.Kafka;
using Holler.Domain.Catalog;
using Holler.Ingest;
using Holler.Kafka;

namespace Holler.Host.Commands.Bench;

/// <summary>
/// recovery: a node (<c>holler run</c>, a process of its own, SQLite unless <c>--persistence postgres</c>) consumes a
/// steady offered rate from a broker that lives in the benchmark's process; it is SIGKILLed mid-stream, right after
/// its snapshot file was seen being written when it has one, and started again at once on the same data. Measured from
/// the restart: until it answers ready, until it processes its first event, until it has caught up; how much it had to
/// read again; and, once the producer stopped, every business's total against what the broker acknowledged. See
/// docs/performance.md#recovery-after-a-crash.
/// </summary>
public static class RecoveryScenario
{
    private const string Topic = "bench.recovery";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record IngestCounts(long Applied, long Duplicates, long SkippedOffsets)
    {
        /// <summary>Events the node is past since it started: applied, skipped as applied before, or lost to retention.</summary>
        public long Position => Applied + Duplicates + SkippedOffsets;
    }
    private sealed record BusinessTotal(long Total);

    public static async Task<RecoveryResult> RunAsync(BenchSettings settings, IBenchStep step, CancellationToken token)
    {
        var c = CultureInfo.InvariantCulture;
        // Memory does not survive the kill: the recovery of a dev node is from its SQLite files.
        var persistence = settings.Persistence == "memory" ? "sqlite" : settings.Persistence;
        step.Report(0, "building the corpus, starting the broker");
        var catalog = BusinessCatalog.Synthetic(settings.RecoveryBusinesses);
        var corpus = EventCorpus.Build(catalog, settings.CorpusEvents, settings.Zipf);
        using var broker = EmbeddedKafka.Start();
        // As holler kafka-dev creates the node's topic.
        var partitionCount = settings.RecoveryPartitions;
        broker.CreateTopic(Topic, partitionCount);
        using var producer = new CountingProducer(broker.BootstrapServers, Topic, corpus, settings.RecoveryRate, partitionCount);
        producer.Prime();
        var dataDir = Directory.CreateTempSubdirectory("holler-bench-recovery-").FullName;
        var port = FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        string[] args =
        [
            "run", "--roles", "ingest,tracker,leaderboard", "--port", "0", "--kafka", broker.BootstrapServers, "--topic", Topic,
            "--generator", "false", "--businesses", settings.RecoveryBusinesses.ToString(c), "--persistence", persistence,
            "--data", dataDir, "--operator-port", port.ToString(c),
            "--set", "Leaderboard:Console=false", "--set", "History:Enabled=false",
            "--set", "Ingest:CheckpointBytes=" + settings.CheckpointBytes.ToString(c),
            // A dev node against holler kafka-dev, as docs/architecture.md#the-embedded-kafka-broker advises: the mock
            // keeps the restarted member waiting its own session less a second before it gets any partition.
            "--set", "Kafka:SessionTimeoutMs=" + KafkaDevCommand.DevSessionTimeoutMs.ToString(c),
        ];
        NodeProcess? node = null;
        try
        {
            node = NodeProcess.Start(args);
            step.Report(2, "waiting for the node");
            await UntilReady(http, node, TimeSpan.FromMinutes(3), token);
            // The primers: the node has joined its group and consumes.
            await Until(async () => await Position(http, token) >= partitionCount, node, TimeSpan.FromMinutes(2), "consuming", token);

            producer.Start();
            var before = Stopwatch.StartNew();
            long steadyLag = 0, lostBefore = 0;
            while (before.Elapsed < settings.RecoveryPhase)
            {
                var produced = producer.Acked;
                var counts = await Counts(http, token);
                var position = counts?.Position ?? 0;
                lostBefore = Math.Max(lostBefore, counts?.SkippedOffsets ?? 0);
                // The first seconds are the node's warm-up (JIT, trackers starting), not its steady lag.
                if (before.Elapsed > settings.RecoveryPhase / 2) steadyLag = Math.Max(steadyLag, produced - position);
                step.Report(5 + 25 * before.Elapsed / settings.RecoveryPhase,
                    string.Create(c, $"{settings.RecoveryRate:N0}/s offered · produced {produced:N0} · processed {position:N0}"));
                await Task.Delay(Poll, token);
            }

            // Kill right after the snapshot store was written, if it shows (SQLite's write-ahead log): a checkpoint may
            // be half written, which must not matter.
            var wal = Path.Combine(dataDir, "snapshots.db-wal");
            var inWrite = persistence == "sqlite" && await WaitForWrite(wal, TimeSpan.FromSeconds(15), token);
            node.Kill();
            var killedAt = producer.AckedPerPartition();
            var bytesAtKill = producer.BytesPerPartition();
            await node.WaitForExitAsync(TimeSpan.FromSeconds(30));
            await node.DisposeAsync();
            node = null;
            var committed = Committed(broker.BootstrapServers, partitionCount, token);
            var uncommitted = RecoveryMath.Uncommitted(killedAt, committed);
            var uncommittedBytes = uncommitted.Select((n, p) => killedAt[p] == 0 ? 0 : n * bytesAtKill[p] / killedAt[p]).ToArray();
            var committedTotal = killedAt.Sum() - uncommitted.Sum();
            var bytesPerSecond = bytesAtKill.Max() / Math.Max(1, before.Elapsed.TotalSeconds);
            var hottestShare = bytesAtKill.Max() / (double)Math.Max(1, bytesAtKill.Sum());
            // The slowest checkpoint write is not known from outside; a second is generous for the shard sizes here.
            var bound = settings.CheckpointTriggersFor().ReplayBoundBytes(bytesPerSecond, BatchDelivery.FlushInterval, TimeSpan.FromSeconds(1));

            step.Report(30, string.Create(c, $"killed; {uncommitted.Sum():N0} events uncommitted; restarting"));
            var restarted = Stopwatch.StartNew();
            node = NodeProcess.Start(args);
            var samples = new List<RecoverySample>();
            TimeSpan? up = null;
            long duplicates = 0;
            TimeSpan? caughtUp = null;
            var allowedLag = (long)Math.Max(settings.RecoveryRate, steadyLag);
            while (caughtUp is null && restarted.Elapsed < TimeSpan.FromMinutes(2))
            {
                if (node.HasExited) throw new InvalidOperationException("the restarted node exited: " + node.Tail());
                up ??= await IsReady(http, token) ? restarted.Elapsed : null;
                if (up is not null)
                {
                    var produced = producer.Acked;
                    var counts = await Counts(http, token);
                    if (counts is not null)
                    {
                        duplicates = counts.Duplicates;
                        samples.Add(new RecoverySample(restarted.Elapsed, produced, committedTotal + counts.Position));
                        caughtUp = RecoveryMath.CaughtUpAt(samples, killedAt.Sum(), allowedLag);
                    }
                }
                step.Report(30 + 30 * Math.Min(1, restarted.Elapsed / TimeSpan.FromSeconds(60)), string.Create(c,
                    $"restarted {restarted.Elapsed.TotalSeconds:N0} s ago · {(up is null ? "starting" : "up")} · behind {(samples.Count == 0 ? killedAt.Sum() - committedTotal : samples[^1].Produced - samples[^1].Position):N0}"));
                await Task.Delay(Poll, token);
            }

            // Traffic goes on for a while after catching up: the node keeps up, as before the kill.
            var after = Stopwatch.StartNew();
            while (caughtUp is not null && after.Elapsed < settings.RecoveryPhase)
            {
                step.Report(60 + 20 * after.Elapsed / settings.RecoveryPhase, "caught up; traffic goes on");
                await Task.Delay(Poll, token);
            }
            producer.Stop();
            var expected = producer.PerBusiness();
            var total = expected.Values.Sum();
            step.Report(80, string.Create(c, $"producer stopped at {total:N0}; waiting for the node to process everything"));
            // A node that never caught up may never get there (a partition stuck behind the broker's retention): a
            // minute more, then report what it has.
            var finishing = Stopwatch.StartNew();
            while (await PositionAfterRestart(http, committedTotal, token) < total && finishing.Elapsed < (caughtUp is null ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(3)))
            {
                if (node.HasExited) throw new InvalidOperationException("the restarted node exited: " + node.Tail());
                await Task.Delay(Poll, token);
            }
            var final = await Counts(http, token);
            var unread = Math.Max(0, total - (committedTotal + (final?.Position ?? 0)));
            duplicates = final?.Duplicates ?? duplicates;
            var lost = lostBefore + (final?.SkippedOffsets ?? 0);

            step.Report(90, string.Create(c, $"checking {expected.Count:N0} businesses' totals ({lost:N0} records lost to the broker's retention)"));
            // With records lost the totals cannot come right: one look says by how much.
            var (wrong, counted) = await CheckTotals(http, expected, lost + unread > 0 ? TimeSpan.Zero : TimeSpan.FromMinutes(2), token);
            step.Report(100, string.Create(c,
                $"up {up?.TotalSeconds:N1} s · caught up {caughtUp?.TotalSeconds:N1} s after the restart · {uncommitted.Sum():N0} events re-read · {wrong} businesses wrong"));
            return new RecoveryResult(settings.RecoveryRate, settings.RecoveryBusinesses, persistence, settings.CheckpointBytes,
                settings.RecoveryPhase, inWrite, steadyLag, uncommitted.Sum(), uncommittedBytes.Max(), bound, duplicates,
                up ?? restarted.Elapsed, RecoveryMath.FirstProcessedAt(samples, committedTotal), caughtUp,
                total, counted, expected.Count, wrong, producer.Failed, lost, unread, partitionCount, hottestShare);
        }
        finally
        {
            if (node is not null) await node.DisposeAsync();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> IsReady(HttpClient http, CancellationToken token)
    {
        try
        {
            using var response = await http.GetAsync("healthz/ready", token);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !token.IsCancellationRequested) { return false; }
    }

    private static async Task<IngestCounts?> Counts(HttpClient http, CancellationToken token)
    {
        try { return await http.GetFromJsonAsync<IngestCounts>("api/ingest", Json, token); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !token.IsCancellationRequested) { return null; }
    }

    /// <summary>Events the node is past since it started (<see cref="IngestCounts.Position"/>); -1 when it does not answer.</summary>
    private static async Task<long> Position(HttpClient http, CancellationToken token) =>
        await Counts(http, token) is { } counts ? counts.Position : -1;

    private static async Task<long> PositionAfterRestart(HttpClient http, long committedTotal, CancellationToken token) =>
        await Position(http, token) is var p and >= 0 ? committedTotal + p : -1;

    private static async Task UntilReady(HttpClient http, NodeProcess node, TimeSpan timeout, CancellationToken token) =>
        await Until(() => IsReady(http, token), node, timeout, "ready", token);

    private static async Task Until(Func<Task<bool>> condition, NodeProcess node, TimeSpan timeout, string what, CancellationToken token)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (node.HasExited) throw new InvalidOperationException($"the node exited before {what}: {node.Tail()}");
            if (deadline.Elapsed > timeout) throw new TimeoutException($"the node was not {what} within {timeout.TotalSeconds:N0} s: {node.Tail()}");
            await Task.Delay(Poll, token);
        }
    }

    /// <summary>Polls the file's write time as fast as it can (a checkpoint write lasts milliseconds) and returns
    /// whether it moved within the timeout: a write has begun.</summary>
    private static async Task<bool> WaitForWrite(string file, TimeSpan timeout, CancellationToken token)
    {
        DateTime LastWrite() => File.Exists(file) ? File.GetLastWriteTimeUtc(file) : DateTime.MinValue;
        var before = LastWrite();
        return await Task.Run(() =>
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < timeout)
            {
                token.ThrowIfCancellationRequested();
                if (LastWrite() > before) return true;
                Thread.SpinWait(1_000);
            }
            return false;
        }, token);
    }

    /// <summary>The node's group's committed offsets, read without joining the group (the node is dead: they stay).</summary>
    private static Dictionary<int, long> Committed(string bootstrap, int partitionCount, CancellationToken token)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "holler",
            EnableAutoCommit = false,
        }).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        var partitions = Enumerable.Range(0, partitionCount).Select(p => new TopicPartition(Topic, p));
        token.ThrowIfCancellationRequested();
        return consumer.Committed(partitions, TimeSpan.FromSeconds(30)).ToDictionary(o => o.Partition.Value, o => o.Offset.Value);
    }

    /// <summary>Every business's total from the node, until all equal what was produced or the timeout passes.</summary>
    private static async Task<(int Wrong, long Counted)> CheckTotals(HttpClient http, Dictionary<string, long> expected, TimeSpan timeout,
        CancellationToken token)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var counted = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
            await Parallel.ForEachAsync(expected.Keys, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = token }, async (id, t) =>
            {
                try { counted[id] = (await http.GetFromJsonAsync<BusinessTotal>("api/business/" + Uri.EscapeDataString(id), Json, t))!.Total; }
                catch (HttpRequestException) { counted[id] = -1; }
            });
            var wrong = expected.Count(kv => counted.GetValueOrDefault(kv.Key, -1) != kv.Value);
            if (wrong == 0 || deadline.Elapsed > timeout) return (wrong, counted.Values.Where(v => v > 0).Sum());
            await Task.Delay(TimeSpan.FromSeconds(1), token);
        }
    }
}
