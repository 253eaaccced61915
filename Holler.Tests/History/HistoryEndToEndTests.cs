using Holler.Domain.History;
using Holler.Generation;
using Holler.History;
using Holler.Kafka;
using Holler.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Holler.Tests.History;

/// <summary>
/// A run with ground truth and a node restarted in the middle: the history's per-minute counts of the 20 busiest
/// businesses equal what the generator produced, minute by minute, and the past hour's leaderboard lists every surge
/// the generator injected.
/// </summary>
public sealed class HistoryEndToEndTests
{
    [Theory]
    [InlineData(StorageBackend.Sqlite)]
    [InlineData(StorageBackend.Postgres)]
    public async Task Per_minute_history_equals_ground_truth_across_a_restart(StorageBackend backend)
    {
        var token = TestContext.Current.CancellationToken;
        using var broker = EmbeddedKafka.Start();
        using var storage = TestStorage.Create(backend);
        var config = TestNodes.Config(broker.BootstrapServers, storage.Directory, businesses: 200, o =>
        {
            storage.Apply(o);
            o.Tracker.SnapshotEvery = 20;
        });

        // 15 minutes of event time, ending a minute ago, replayed 12× faster than real time (75 s).
        var nowMinuteMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000;
        var plan = new GeneratorSettings
        {
            BusinessCount = 200,
            EventsPerSecond = 40,
            Seed = 17,
            StartMs = nowMinuteMs - 16 * 60_000,
            DurationMs = 15 * 60_000,
            SurgeEvery = TimeSpan.FromMinutes(3),
            FirstSurgeAfter = TimeSpan.FromMinutes(4),
            SurgeDuration = TimeSpan.FromSeconds(90),
            DailyRhythm = false,
        };
        var generator = TrafficGenerator.RunAsync(new GeneratorOptions
        {
            BootstrapServers = broker.BootstrapServers,
            Plan = plan,
            Speedup = 12,
        }, cancellationToken: token);

        await using (var first = await TestNodes.StartAsync(config))
        {
            await Eventually.Until(() => Task.FromResult(first.Metrics.Applied), applied => applied >= 12_000, TimeSpan.FromMinutes(2),
                applied => $"only {applied} events applied");
            Assert.False(generator.IsCompleted, "the node must stop mid-stream");
        }

        await using var second = await TestNodes.StartAsync(config);
        var result = await generator;
        Assert.Equal(0, result.Errors);
        await Trackers.AwaitTotalsAsync(second, result.DeliveredPerBusiness, TimeSpan.FromMinutes(2));

        // Ground truth per business and minute, from the same plan.
        var traffic = new TrafficPlan(plan);
        var busiest = Enumerable.Range(0, 20).Select(r => traffic.Catalog[traffic.BusinessAtRank(r)].Id).ToHashSet();
        var truth = new Dictionary<(string, long), long>();
        var cursor = traffic.CreateCursor();
        while (cursor.TryNext(out var e))
        {
            var id = traffic.Catalog[e.BusinessIndex].Id;
            if (busiest.Contains(id)) truth[(id, e.TimestampMs / 60_000)] = truth.GetValueOrDefault((id, e.TimestampMs / 60_000)) + 1;
        }
        Assert.Equal(result.Sent, result.Produced);

        // The last ten minutes whose counts are final: a minute closes when its business's events move two minutes on,
        // so the run's last two minutes are still open.
        var endMinute = result.EventTimeEndMs / 60_000;
        var minutes = Enumerable.Range(0, 10).Select(i => endMinute - 12 + i).ToArray();
        var store = second.Services.GetRequiredService<HistoryStore>();
        var from = DateTimeOffset.FromUnixTimeMilliseconds(minutes[0] * 60_000);
        var to = DateTimeOffset.FromUnixTimeMilliseconds((minutes[^1] + 1) * 60_000);
        await Eventually.Until(async () =>
            {
                var wrong = new List<string>();
                foreach (var id in busiest)
                {
                    var points = (await store.TrendAsync(id, from, to, HistoryResolution.Minute, DateTimeOffset.UtcNow, TimeSpan.FromDays(14), token))
                        .ToDictionary(p => p.AtMs / 60_000, p => p.Count);
                    foreach (var m in minutes)
                        if (points.GetValueOrDefault(m) != truth.GetValueOrDefault((id, m)))
                            wrong.Add($"{id} @{m}: stored {points.GetValueOrDefault(m)}, produced {truth.GetValueOrDefault((id, m))}");
                }
                return wrong;
            },
            wrong => wrong.Count == 0, TimeSpan.FromMinutes(1),
            wrong => $"{wrong.Count} business-minutes differ, e.g. {string.Join("; ", wrong.Take(5))}");
        Assert.True(minutes.Sum(m => busiest.Sum(id => truth.GetValueOrDefault((id, m)))) > 1000, "the compared minutes must hold real traffic");

        // Every injected surge is in the past hour's leaderboard.
        Assert.NotEmpty(result.Surges);
        var injected = result.Surges.Select(s => s.BusinessId).ToHashSet();
        await Eventually.Until(
            () => store.TopSurgesAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow, 100, token: token),
            top => injected.IsSubsetOf(top.Select(s => s.BusinessId)), TimeSpan.FromMinutes(1),
            top => $"injected {string.Join(", ", injected)}; the past hour lists {string.Join(", ", top.Select(s => s.BusinessId))}");
    }
}
