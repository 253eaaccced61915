using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Confluent.Kafka;
using Holler.Domain.Surges;
using Holler.Generation;
using Holler.Host.Operator.Api;
using Holler.Leaderboard;
using Holler.Tests.Support;
using Holler.Tracking;

namespace Holler.Tests.Operator;

/// <summary><c>holler business</c>, <c>holler ingest</c>, <c>holler top</c> and readiness on a live cluster.</summary>
[Collection(OperatorClusterCollection.Name)]
public sealed class PipelineCommandTests(OperatorCluster cluster)
{
    [Fact]
    public async Task Business_shows_the_trackers_window_baseline_score_and_state()
    {
        var business = cluster.A.Catalog[7];
        var traffic = new Traffic(business.Id, partition: 3, firstOffset: 1_000_000);
        // Through B: the tracker may live on either node, the command asks whichever node it is pointed at.
        var ack = await cluster.B.Trackers.Ask<TrafficBatchAck>(traffic.Next(Traffic.T0, seconds: 5, perSecond: 5), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(25, ack.Applied);

        var json = await HollerProcess.RunAsync(["business", business.Id, "--json", "--node", OperatorCluster.NodeArg(cluster.A)]);
        var human = await OperatorCli.RunAsync(["business", business.Id, "--node", OperatorCluster.NodeArg(cluster.B)]);

        Assert.True(json.ExitCode == 0, json.Stderr);
        var view = JsonSerializer.Deserialize<BusinessView>(json.Stdout, OperatorJson.Options)!;
        Assert.Equal((business.Id, business.Name, business.City), (view.BusinessId, view.Name, view.City));
        Assert.Equal((25L, 25L), (view.Window, view.Total));
        Assert.Equal(60, view.WindowCounts.Length);
        // Five seconds of five events; a quiet business's window then moves on with the clock, so where they sit varies.
        Assert.Equal(25, view.WindowCounts.Sum());
        Assert.Equal(5, view.WindowCounts.Count(c => c == 5));
        Assert.True(view.WindowEnd >= DateTimeOffset.FromUnixTimeSeconds(Traffic.T0 + 5), $"window ends {view.WindowEnd}");
        Assert.Equal("warming-up", view.State);
        Assert.False(view.Warm);
        Assert.Null(view.SurgingSince);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(["businessId", "name", "category", "city", "state", "window", "windowEnd", "windowCounts", "baseline", "bandLow",
            "bandHigh", "warm", "score", "ratio", "surgingSince", "total", "late", "minuteCounts", "episode", "shiftMinutes", "dimensions"],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
        // 25 events in its window: below Dimensions:MinEventsPerMinute (30), so it keeps no breakdown.
        Assert.Null(view.Dimensions);
        Assert.Null(view.Episode);
        Assert.Equal(0, view.ShiftMinutes);

        Assert.True(human.ExitCode == 0, human.Stderr);
        Assert.Contains(business.Name, human.Stdout);
        Assert.Contains("warming-up", human.Stdout);
        Assert.Contains("25 events to ", human.Stdout);
        Assert.Contains("still learning", human.Stdout); // the "expected" row while warming up
        Assert.Contains("severity", human.Stdout);
        Assert.Contains("no breakdown: too quiet", human.Stdout);
    }

    [Fact]
    public async Task Business_unknown_to_catalog_and_traffic_fails_with_exit_code_1()
    {
        var result = await OperatorCli.RunAsync(["business", "no-such-business", "--node", OperatorCluster.NodeArg(cluster.A)]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("holler: no business 'no-such-business': not in the catalog and never seen in traffic", result.Stderr.Trim());
    }

    [Fact]
    public async Task Ingest_shows_per_partition_offsets_lag_and_rejects_by_reason()
    {
        var token = TestContext.Current.CancellationToken;
        var before = await IngestAsync();
        var produced = await TrafficGenerator.RunAsync(new GeneratorOptions
        {
            BootstrapServers = cluster.Broker.BootstrapServers,
            Speedup = 10,
            Plan = new GeneratorSettings { Businesses = cluster.A.Catalog, Count = 800, EventsPerSecond = 200, SurgeEvery = TimeSpan.Zero, DailyRhythm = false },
        }, cancellationToken: token);
        Assert.Equal(800, produced.Sent);
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.Broker.BootstrapServers }).Build())
        {
            for (var i = 0; i < 3; i++) await producer.ProduceAsync("holler.traffic", new Message<string, string> { Key = "k", Value = "not json" }, token);
            await producer.ProduceAsync("holler.traffic", new Message<string, string> { Key = "k", Value = "{\"ts\":1}" }, token);
        }

        var after = await Eventually.Until(IngestAsync,
            v => v.Consumed - before.Consumed == 804 && v.Applied - before.Applied == 800 && v.Partitions.Count > 0 && v.Partitions.All(p => p.Lag == 0),
            TimeSpan.FromSeconds(90), v => $"consumed {v.Consumed - before.Consumed}, applied {v.Applied - before.Applied}, partitions "
                                           + string.Join(", ", v.Partitions));

        Assert.Equal(3, after.Rejected["NotJson"] - before.Rejected["NotJson"]);
        Assert.Equal(4, after.RejectedTotal - before.RejectedTotal);
        Assert.Equal(["NotJson", "Malformed", "MissingBusinessId", "MissingTimestamp", "InvalidTimestamp", "TooFarInFuture", "TooOld", "TooLarge", "InvalidBusinessId"],
            after.Rejected.Keys);
        Assert.Equal(cluster.AddressA, after.Node);
        Assert.Equal(0L, after.Lag);
        Assert.All(after.Partitions, p => Assert.Equal(p.LogEnd, p.Committed));
        Assert.Equal(after.Consumed - before.Consumed, after.Partitions.Sum(p => p.Committed!.Value) - before.Partitions.Sum(p => p.Committed ?? 0));

        var human = await HollerProcess.RunAsync(["ingest", "--node", OperatorCluster.NodeArg(cluster.A)]);
        Assert.True(human.ExitCode == 0, human.Stderr);
        Assert.Contains($"Ingest on {cluster.AddressA}, topic holler.traffic", human.Stdout);
        Assert.Contains("consumed/s", human.Stdout);
        Assert.Matches(@"│ +\d+ │ +[\d,]+ │ +[\d,]+ │ +0 │", human.Stdout);
        Assert.Matches(@"│ NotJson +│ +\d+ │", human.Stdout);
    }

    [Fact]
    public async Task Ingest_on_a_node_without_the_ingest_role_fails_with_exit_code_1()
    {
        var result = await OperatorCli.RunAsync(["ingest", "--node", OperatorCluster.NodeArg(cluster.B)]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("holler: this node has no ingest role (roles: tracker)", result.Stderr.Trim());
    }

    [Fact]
    public async Task Top_shows_the_leaderboard_once_as_json_and_table_and_live_until_cancelled()
    {
        var token = TestContext.Current.CancellationToken;
        var business = cluster.A.Catalog[3];
        var leaderboard = cluster.A.Registry.Get<LeaderboardActor>();
        var since = DateTimeOffset.UtcNow.AddSeconds(-30).ToUnixTimeMilliseconds();
        // What a surging tracker reports every second; repeated so the entry does not expire during the test.
        void Report() => leaderboard.Tell(new SurgeChanged(business.Id, true,
            new LeaderboardEntry(business.Id, 12.5, 180, 20, 9, since, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())));

        var board = await Eventually.Until(async () =>
            {
                Report();
                var once = await OperatorCli.RunAsync(["top", "--once", "--json", "--node", OperatorCluster.NodeArg(cluster.B)]);
                Assert.True(once.ExitCode == 0, once.Stderr);
                return JsonSerializer.Deserialize<LeaderboardView>(once.Stdout, OperatorJson.Options)!;
            }, b => b.Top.Any(r => r.BusinessId == business.Id), TimeSpan.FromSeconds(30), b => $"{b.Top.Count} rows");
        var row = board.Top.Single(r => r.BusinessId == business.Id);
        Assert.Equal((business.Name, business.City, 12.5, 180L), (row.Name, row.City, row.Score, row.Count));
        Assert.True(board.Surging >= 1);

        Report();
        var table = await HollerProcess.RunAsync(["top", "--once", "--node", OperatorCluster.NodeArg(cluster.A)]);
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("Leaderboard ", table.Stdout);
        Assert.Matches($@"│ +\d+ │ {System.Text.RegularExpressions.Regex.Escape(business.Name)} +│ {System.Text.RegularExpressions.Regex.Escape(business.City)} +│ +12\.5 │ +9\.0× │ +180 │", table.Stdout);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var output = new RecordingWriter();
        var live = OperatorCli.StartAsync(["top", "--interval", "0.2", "--node", OperatorCluster.NodeArg(cluster.A)], output, new RecordingWriter(), stop.Token);
        await Eventually.Until(() =>
        {
            Report();
            return Task.FromResult(output.Text);
        }, text => text.Contains(business.Name), TimeSpan.FromSeconds(30), text => text);
        Assert.False(live.IsCompleted);
        await stop.CancelAsync();
        Assert.Equal(0, await live);
        leaderboard.Tell(new SurgeChanged(business.Id, false, row.ToEntry()));
    }

    [Fact]
    public async Task Ready_reports_every_check_of_the_nodes_roles()
    {
        using var http = new HttpClient();
        async Task<(HttpStatusCode, HealthView)> Ready(Host.Node.HollerNode node)
        {
            var response = await http.GetAsync(new Uri(node.Endpoints.OperatorUrl, "/healthz/ready"), TestContext.Current.CancellationToken);
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<HealthView>(OperatorJson.Options))!);
        }

        var (statusA, a) = await Eventually.Until(() => Ready(cluster.A), r => r.Item1 == HttpStatusCode.OK, TimeSpan.FromSeconds(30),
            r => JsonSerializer.Serialize(r.Item2, OperatorJson.Options));
        var (statusB, b) = await Eventually.Until(() => Ready(cluster.B), r => r.Item1 == HttpStatusCode.OK, TimeSpan.FromSeconds(30),
            r => JsonSerializer.Serialize(r.Item2, OperatorJson.Options));

        Assert.Equal(("ready", HttpStatusCode.OK), (a.Status, statusA));
        Assert.Equal(["cluster", "kafka", "persistence"], a.Checks.Select(c => c.Name));
        Assert.All(a.Checks, c => Assert.True(c.Ok, c.Detail));
        Assert.Empty(a.Failed);
        // B has no ingest role: Kafka is none of its business.
        Assert.Equal(HttpStatusCode.OK, statusB);
        Assert.Equal(["cluster", "persistence"], b.Checks.Select(c => c.Name));
        var live = await http.GetAsync(new Uri(cluster.B.Endpoints.OperatorUrl, "/healthz/live"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private async Task<IngestView> IngestAsync()
    {
        var result = await OperatorCli.RunAsync(["ingest", "--json", "--node", OperatorCluster.NodeArg(cluster.A)]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonSerializer.Deserialize<IngestView>(result.Stdout, OperatorJson.Options)!;
    }
}

internal static class LeaderboardRowViews
{
    public static LeaderboardEntry ToEntry(this LeaderboardRowView row) =>
        new(row.BusinessId, row.Score, row.Count, row.Baseline, row.Ratio, row.Since.ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
}
