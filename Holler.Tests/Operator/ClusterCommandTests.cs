using Akka.Cluster;
using System.Text.Json;
using System.Text.RegularExpressions;
using Holler.Host.Operator.Api;
using Holler.Tests.Support;

namespace Holler.Tests.Operator;

/// <summary><c>holler cluster show|tail|down-unreachable</c> against a live two-node cluster.</summary>
[Collection(OperatorClusterCollection.Name)]
public sealed partial class ClusterCommandTests(OperatorCluster cluster)
{
    [GeneratedRegex(@"^akka\.tcp://holler@127\.0\.0\.1:\d+ \| \[[a-z, ]+\] \| up \| reachable \| \S+$")]
    private static partial Regex PbmMemberLine();

    [Fact]
    public async Task Cluster_show_prints_one_pbm_line_per_member_then_the_count_leader_and_unreachable()
    {
        var result = await HollerProcess.RunAsync(["cluster", "show", "--node", OperatorCluster.NodeArg(cluster.A)]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(5, lines.Length);
        Assert.All(lines.Take(2), line => Assert.Matches(PbmMemberLine(), line));
        Assert.Contains(lines, l => l.StartsWith(cluster.AddressA + " | [ingest, leaderboard, tracker] | up"));
        Assert.Contains(lines, l => l.StartsWith(cluster.AddressB + " | [tracker] | up"));
        Assert.Equal("Count: 2 nodes", lines[2]);
        Assert.Matches(@"^Leader: akka\.tcp://holler@127\.0\.0\.1:\d+$", lines[3]);
        Assert.Equal("Unreachable: none", lines[4]);
    }

    [Fact]
    public async Task Cluster_show_json_has_the_documented_shape()
    {
        // Asked of B this time: every member sees the same cluster.
        var result = await HollerProcess.RunAsync(["cluster", "show", "--json", "--node", OperatorCluster.NodeArg(cluster.B)]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal(["self", "leader", "members", "unreachable"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(cluster.AddressB, root.GetProperty("self").GetString());
        Assert.StartsWith("akka.tcp://holler@", root.GetProperty("leader").GetString());
        Assert.Empty(root.GetProperty("unreachable").EnumerateArray());
        var members = root.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(2, members.Count);
        foreach (var m in members)
        {
            Assert.Equal(["address", "roles", "status", "reachability", "version", "leader", "self"], m.EnumerateObject().Select(p => p.Name));
            Assert.Equal("up", m.GetProperty("status").GetString());
            Assert.Equal("reachable", m.GetProperty("reachability").GetString());
            Assert.False(string.IsNullOrEmpty(m.GetProperty("version").GetString()));
        }
        var self = Assert.Single(members, m => m.GetProperty("self").GetBoolean());
        Assert.Equal(cluster.AddressB, self.GetProperty("address").GetString());
        Assert.Equal(["tracker"], self.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Single(members, m => m.GetProperty("leader").GetBoolean());
    }

    [Fact]
    public async Task Cluster_tail_streams_membership_events_as_they_happen_until_cancelled()
    {
        var token = TestContext.Current.CancellationToken;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var output = new RecordingWriter();
        var error = new RecordingWriter();
        var tail = OperatorCli.StartAsync(["cluster", "tail", "--json", "--node", OperatorCluster.NodeArg(cluster.A)], output, error, stop.Token);

        // The current state first, as events.
        await Eventually.Until(() => Task.FromResult(Events(output)), e => e.Contains(("member-up", cluster.AddressA)) && e.Contains(("member-up", cluster.AddressB)),
            TimeSpan.FromSeconds(30), e => $"events so far: {string.Join(", ", e)}; stderr: {error.Text}");

        var c = await cluster.JoinAsync("leaderboard");
        var addressC = OperatorCluster.Address(c);
        try
        {
            await Eventually.Until(() => Task.FromResult(Events(output)), e => e.Contains(("member-up", addressC)),
                TimeSpan.FromSeconds(60), e => $"events so far: {string.Join(", ", e)}");
        }
        finally
        {
            await cluster.LeaveAsync(c);
        }
        // C left the cluster gracefully: the tail saw it go.
        await Eventually.Until(() => Task.FromResult(Events(output)), e => e.Contains(("member-removed", addressC)),
            TimeSpan.FromSeconds(60), e => $"events so far: {string.Join(", ", e)}");

        Assert.False(tail.IsCompleted);
        await stop.CancelAsync();
        Assert.Equal(0, await tail);
        Assert.Equal("", error.Text);
    }

    [Fact]
    public async Task Cluster_tail_prints_events_for_people_one_line_each()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var output = new RecordingWriter();
        var tail = OperatorCli.StartAsync(["cluster", "tail", "--node", OperatorCluster.NodeArg(cluster.B)], output, new RecordingWriter(), stop.Token);

        await Eventually.Until(() => Task.FromResult(output.Text), text => text.Contains(cluster.AddressB + " [tracker] | up"),
            TimeSpan.FromSeconds(30), text => text);
        await stop.CancelAsync();

        Assert.Equal(0, await tail);
        Assert.Matches(@"\d\d:\d\d:\d\d\.\d{3} member-up +akka\.tcp://holler@127\.0\.0\.1:\d+ \[tracker\] \| up", output.Text);
    }

    [Fact]
    public async Task An_unknown_member_address_is_refused_in_one_line_with_exit_code_1()
    {
        var result = await HollerProcess.RunAsync(["cluster", "down", "akka.tcp://holler@127.0.0.1:1", "--node", OperatorCluster.NodeArg(cluster.A)]);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("holler: no member akka.tcp://holler@127.0.0.1:1 in the cluster", line);
        Assert.Equal(2, (await cluster.ClusterViewAsync(cluster.A)).Members.Count);
    }

    [Fact]
    public async Task Down_unreachable_downs_a_member_that_crashed()
    {
        using var data = new TempDir();
        // A separate process, so it can die without leaving: SIGKILL.
        var victim = HollerProcess.Start("victim", ["run", "--kafka", cluster.Broker.BootstrapServers, "--roles", "tracker",
            "--seed-nodes", cluster.AddressA, "--data", data.Path, "--businesses", "10", "--generator", "false",
            "--operator-port", "0", "--web-port", "0", "--set", "Leaderboard:Console=false"]);
        await using (victim)
        {
            var address = await victim.ClusterAddressAsync(TimeSpan.FromSeconds(90));
            await Eventually.Until(() => cluster.ClusterViewAsync(cluster.A), v => v.Members.Any(m => m.Address == address && m.Status == "up"),
                TimeSpan.FromSeconds(60), v => $"members: {string.Join(", ", v.Members.Select(m => $"{m.Address} {m.Status}"))}");
            victim.Kill();
            // Watched in-process, and the command run at once: the split-brain resolver downs the member on its own
            // once reachability has been stable for its stable-after (7 s), and the command must come first.
            await Eventually.Until(() => Task.FromResult(Cluster.Get(cluster.A.System).State.Unreachable.Select(m => m.Address.ToString()).ToList()),
                unreachable => unreachable.Contains(address), TimeSpan.FromSeconds(30), unreachable => string.Join(", ", unreachable));
            var result = await OperatorCli.RunAsync(["cluster", "down-unreachable", "--json", "--node", OperatorCluster.NodeArg(cluster.A)]);

            Assert.True(result.ExitCode == 0, result.Stderr);
            var answer = JsonSerializer.Deserialize<DownUnreachableView>(result.Stdout, OperatorJson.Options)!;
            Assert.True(answer.Downed.SequenceEqual([address]), $"expected {address} downed by the command: {result.Stdout}");
            Assert.Empty(answer.AlreadyDown);
            var after = await Eventually.Until(() => cluster.ClusterViewAsync(cluster.A), v => v.Members.All(m => m.Address != address),
                TimeSpan.FromSeconds(30), v => $"members: {string.Join(", ", v.Members.Select(m => $"{m.Address} {m.Status}"))}");
            Assert.Equal(new[] { cluster.AddressA, cluster.AddressB }.Order(), after.Members.Select(m => m.Address).Order());
            Assert.Empty(after.Unreachable);

            // Just removed, the crashed member's region is still in the shard coordinator's books (for the down-removal
            // margin), and the coordinator's own cluster-wide stats would answer nothing at all; region-stats answers.
            var stats = await OperatorCli.RunAsync(["sharding", "region-stats", "--json", "--node", OperatorCluster.NodeArg(cluster.A)]);
            Assert.True(stats.ExitCode == 0, stats.Stderr);
            var view = JsonSerializer.Deserialize<RegionStatsView>(stats.Stdout, OperatorJson.Options)!;
            Assert.Equal(new[] { cluster.AddressA, cluster.AddressB }.Order(), view.Members.Select(m => m.Address));
            Assert.Empty(view.Unanswered);
        }

        var none = await OperatorCli.RunAsync(["cluster", "down-unreachable", "--node", OperatorCluster.NodeArg(cluster.A)]);
        Assert.Equal(0, none.ExitCode);
        Assert.Equal("No unreachable members: nothing downed.", none.Stdout.Trim());
    }

    /// <summary>The complete lines written so far (the last one may still be on its way).</summary>
    private static List<(string Event, string Address)> Events(RecordingWriter output)
    {
        var text = output.Text;
        return text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<ClusterEventView>(line, OperatorJson.Options)!)
            .Select(e => (e.Event, e.Address))
            .ToList();
    }
}
