using Holler.Generation;
using Holler.Kafka;
using Holler.Tests.Support;

namespace Holler.Tests.EndToEnd;

/// <summary>
/// A node process SIGKILLed while it writes a checkpoint (see docs/architecture.md#snapshots-and-the-journal): the
/// half-written checkpoint is not seen, the previous one is restored, and the ingest re-reads from the committed offsets,
/// which never pass a saved checkpoint. Started again on the same SQLite files, the node ends with exact totals.
/// </summary>
[Collection(nameof(MultiNode.CrashTests))]
public sealed class CheckpointCrashTests(ITestOutputHelper output)
{
    // One shard holding every business makes each checkpoint a write of a few megabytes, long enough to be caught in.
    private const int Businesses = 5_000;

    [Fact]
    public async Task A_node_killed_while_writing_a_checkpoint_ends_with_exact_totals()
    {
        var token = TestContext.Current.CancellationToken;
        using var broker = EmbeddedKafka.Start();
        using var storage = TestStorage.Create(StorageBackend.Sqlite);
        await using var first = HollerProcess.Start("node",
        [
            "run", "--roles", "ingest,tracker,leaderboard", "--port", "0", "--kafka", broker.BootstrapServers,
            "--generator", "false", "--businesses", Businesses.ToString(), "--persistence", "sqlite",
            "--data", storage.Directory, "--operator-port", "0",
            "--set", "Kafka:SessionTimeoutMs=6000", "--set", "Leaderboard:Console=false", "--set", "Ingest:BatchDelayMs=100",
            "--set", "Tracker:Shards=1",
        ]);
        await first.WaitForLineAsync(l => l.StartsWith("Holler node up"), TimeSpan.FromMinutes(2), "start-up banner");
        var generator = TrafficGenerator.RunAsync(new GeneratorOptions
        {
            BootstrapServers = broker.BootstrapServers,
            Plan = new GeneratorSettings
            {
                BusinessCount = Businesses,
                EventsPerSecond = 1_000,
                Seed = 31,
                DurationMs = 40_000,
                SurgeEvery = TimeSpan.Zero,
                DailyRhythm = false,
            },
        }, cancellationToken: token);

        // Nothing but checkpoints writes to the snapshot file: the first write is a checkpoint saved, the next one is
        // killed while it is being written.
        var wal = Path.Combine(storage.Directory, "snapshots.db-wal");
        DateTime LastWrite() => File.Exists(wal) ? File.GetLastWriteTimeUtc(wal) : DateTime.MinValue;
        var before = LastWrite();
        var saved = await Eventually.Until(() => Task.FromResult(LastWrite()), t => t > before, TimeSpan.FromMinutes(1),
            _ => "no checkpoint written");
        var killedAt = WaitForWriteAfter(saved, TimeSpan.FromMinutes(1), LastWrite, token);
        first.Kill();
        await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        output.WriteLine($"killed while the checkpoint file was being written ({killedAt:HH:mm:ss.ffffff})");
        Assert.False(generator.IsCompleted, "the kill must come mid-stream");

        var config = TestNodes.Config(broker.BootstrapServers, storage.Directory, Businesses, o =>
        {
            storage.Apply(o);
            o.Tracker.Shards = 1;
        });
        await using var second = await TestNodes.StartAsync(config);
        var result = await generator;
        Assert.Equal(0, result.Errors);
        await Trackers.AwaitTotalsAsync(second, result.DeliveredPerBusiness, TimeSpan.FromMinutes(3));
    }

    /// <summary>Polls the file's write time as fast as it can (a checkpoint write lasts milliseconds) and returns when
    /// it moves past <paramref name="after"/>: a write has begun.</summary>
    private static DateTime WaitForWriteAfter(DateTime after, TimeSpan timeout, Func<DateTime> lastWrite, CancellationToken token)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            token.ThrowIfCancellationRequested();
            var now = lastWrite();
            if (now > after) return now;
            Thread.SpinWait(1_000);
        }
        throw new TimeoutException("no second checkpoint written");
    }
}
