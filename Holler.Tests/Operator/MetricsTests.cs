using System.Globalization;
using System.Text.RegularExpressions;
using Holler.Generation;
using Holler.Kafka;
using Holler.Tests.Support;

namespace Holler.Tests.Operator;

/// <summary>/metrics in Prometheus text format, scraped while the generator runs: the event counters match what was produced.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Event_counters_scraped_during_a_generator_run_end_equal_to_the_events_produced()
    {
        var token = TestContext.Current.CancellationToken;
        using var broker = EmbeddedKafka.Start();
        using var data = new TempDir();
        await using var node = await TestNodes.StartAsync(TestNodes.Config(broker.BootstrapServers, data.Path, businesses: 300,
            o => o.Roles = "ingest,tracker,leaderboard"));
        using var http = new HttpClient { BaseAddress = node.Endpoints.OperatorUrl };
        Task<Dictionary<string, double>> Scrape() => ScrapeAsync(http, token);

        var run = TrafficGenerator.RunAsync(new GeneratorOptions
        {
            BootstrapServers = broker.BootstrapServers,
            Speedup = 4,
            Plan = new GeneratorSettings
            {
                Businesses = node.Catalog,
                Count = 3000,
                EventsPerSecond = 250,
                DailyRhythm = false,
                SurgeEvery = TimeSpan.Zero,
            },
        }, cancellationToken: token);

        // Scrapes while the run goes on: the counters only ever grow.
        var during = new List<Dictionary<string, double>>();
        while (!run.IsCompleted)
        {
            during.Add(await Scrape());
            await Task.WhenAny(run, Task.Delay(200, token));
        }
        var result = await run;
        Assert.Equal(3000, result.Sent);
        Assert.True(during.Count >= 2, $"only {during.Count} scrapes during the run");
        for (var i = 1; i < during.Count; i++)
        {
            Assert.True(during[i]["holler_events_consumed_total"] >= during[i - 1]["holler_events_consumed_total"]);
            Assert.True(during[i]["holler_events_applied_total"] >= during[i - 1]["holler_events_applied_total"]);
        }

        var final = await Eventually.Until(Scrape, m => m["holler_events_applied_total"] >= result.Sent, TimeSpan.FromSeconds(90),
            m => $"consumed {m["holler_events_consumed_total"]}, applied {m["holler_events_applied_total"]} of {result.Sent}");
        Assert.Equal(result.Sent, final["holler_events_consumed_total"]);
        Assert.Equal(result.Sent, final["holler_events_accepted_total"]);
        Assert.Equal(result.Sent, final["holler_events_applied_total"]);
        Assert.Equal(0, final["holler_events_duplicate_total"]);
        Assert.Equal(0, final.Where(kv => kv.Key.StartsWith("holler_events_rejected_total{")).Sum(kv => kv.Value));
        Assert.Contains("holler_events_rejected_total{reason=\"NotJson\"}", final.Keys);
        Assert.Contains("holler_events_rejected_total{reason=\"TooLarge\"}", final.Keys);
        Assert.Contains("holler_events_rejected_total{reason=\"InvalidBusinessId\"}", final.Keys);

        // Every business that had traffic is held by a live shard tracker.
        Assert.Equal(result.DeliveredPerBusiness.Count, final["holler_businesses_tracked"]);
        var shards = result.DeliveredPerBusiness.Keys.Select(id => Holler.Tests.Support.Traffic.ShardOf(id)).Distinct().Count();
        Assert.Equal(shards, final["holler_trackers_active"]);
        // Per-partition lag, and .NET's own collectors (memory, GC).
        var lag = await Eventually.Until(Scrape, m => m.Any(kv => kv.Key.StartsWith("holler_ingest_consumer_lag{")) &&
                                                      m.Where(kv => kv.Key.StartsWith("holler_ingest_consumer_lag{")).All(kv => kv.Value == 0),
            TimeSpan.FromSeconds(30), m => string.Join(", ", m.Where(kv => kv.Key.StartsWith("holler_ingest_")).Select(kv => $"{kv.Key}={kv.Value}")));
        Assert.Equal(result.Sent, lag.Where(kv => kv.Key.StartsWith("holler_ingest_committed_offset{")).Sum(kv => kv.Value));
        // Offsets are committed only up to what every fed shard checkpointed (Tracker:Durability=checkpoint, the
        // default), so each of them saved at least one, and the writes were timed.
        Assert.True(lag["holler_tracker_snapshot_seconds_count"] >= shards, $"{lag["holler_tracker_snapshot_seconds_count"]} checkpoints for {shards} shards");
        Assert.True(lag["holler_tracker_snapshot_seconds_sum"] > 0);
        Assert.True(final["dotnet_total_memory_bytes"] > 0);
        Assert.Contains(final.Keys, k => k.StartsWith("dotnet_collection_count_total{"));
        Assert.True(final.ContainsKey("holler_surges_active") && final.ContainsKey("holler_surges_started_total")
                    && final.ContainsKey("holler_leaderboard_publications_total") && final.ContainsKey("holler_tracker_snapshot_seconds_count"));
    }

    /// <summary>Prometheus text format: one "name{labels} value" per line; # lines are help and type.</summary>
    private static async Task<Dictionary<string, double>> ScrapeAsync(HttpClient http, CancellationToken token)
    {
        var response = await http.GetAsync("/metrics", token);
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(token);
        var samples = new Dictionary<string, double>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var match = Regex.Match(line, @"^(\S+?(?:\{[^}]*\})?) (\S+)$");
            Assert.True(match.Success, $"not a Prometheus sample line: {line}");
            samples[match.Groups[1].Value] = double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        }
        return samples;
    }
}
