using System.Text.Json;
using Akka.Actor;
using Holler.Host.Operator.Api;
using Holler.Tests.Support;
using Holler.Tracking;

namespace Holler.Tests.Operator;

/// <summary><c>holler sharding regions|region-stats|shard-stats</c> (and pbm's <c>cluster-sharding … -r</c>) on a live cluster.</summary>
[Collection(OperatorClusterCollection.Name)]
public sealed class ShardingCommandTests(OperatorCluster cluster)
{
    /// <summary>Wakes the trackers of some businesses, so the shards hold entities to count; returns how many trackers
    /// that is (one per shard, whatever its businesses).</summary>
    /// <remarks>The wait is long on purpose: another test of this cluster SIGKILLs a tracker node, and shards it had
    /// taken over (or was being handed) answer again only after failure detection, the resolver's stable-after and
    /// removal margin, and the coordinator's hand-off timeout — the takeover the crash tests measure at about 30 s.</remarks>
    private async Task<int> WakeTrackersAsync(int count)
    {
        var ids = cluster.A.Catalog.All.Take(count).Select(b => b.Id).ToList();
        await Task.WhenAll(ids.Select(id => cluster.A.Trackers.Ask<BusinessSeries>(new GetBusinessSeries(id), TimeSpan.FromSeconds(90))));
        return ids.Select(Traffic.ShardOf).Distinct().Count();
    }

    [Fact]
    public async Task Sharding_regions_shows_the_business_region_with_its_shards_and_entities()
    {
        await WakeTrackersAsync(40);

        var human = await HollerProcess.RunAsync(["sharding", "regions", "--node", OperatorCluster.NodeArg(cluster.A)]);
        var json = await HollerProcess.RunAsync(["sharding", "regions", "--json", "--node", OperatorCluster.NodeArg(cluster.A)]);

        Assert.True(human.ExitCode == 0, human.Stderr);
        Assert.Contains($"Shard regions on {cluster.AddressA}", human.Stdout);
        Assert.Matches(@"│ business +│ region +│ +\d+ │ +\d+ │", human.Stdout);
        Assert.True(json.ExitCode == 0, json.Stderr);
        var view = JsonSerializer.Deserialize<RegionsView>(json.Stdout, OperatorJson.Options)!;
        Assert.Equal(cluster.AddressA, view.Node);
        var region = Assert.Single(view.Regions);
        Assert.Equal(("business", "region"), (region.TypeName, region.Kind));
        Assert.True(region.Shards > 0 && region.Entities > 0, $"{region.Shards} shards, {region.Entities} entities");
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(["typeName", "kind", "shards", "entities"], doc.RootElement.GetProperty("regions")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Region_stats_counts_shards_and_entities_per_member_and_agrees_with_each_members_shard_stats()
    {
        var woken = await WakeTrackersAsync(60);

        // pbm's spelling: the cluster-sharding palette and -r for the type name.
        var result = await HollerProcess.RunAsync(["cluster-sharding", "region-stats", "-r", "business", "--json", "--node", OperatorCluster.NodeArg(cluster.B)]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var stats = JsonSerializer.Deserialize<RegionStatsView>(result.Stdout, OperatorJson.Options)!;
        Assert.Equal("business", stats.TypeName);
        Assert.Equal(new[] { cluster.AddressA, cluster.AddressB }.Order(), stats.Members.Select(m => m.Address));
        Assert.True(stats.Shards > 0);
        Assert.True(stats.Entities >= woken, $"{stats.Entities} entities, woke {woken} trackers");
        Assert.Empty(stats.Failed);
        Assert.Empty(stats.Unanswered);

        var a = await OperatorCli.RunAsync(["sharding", "shard-stats", "business", "--json", "--node", OperatorCluster.NodeArg(cluster.A)]);
        var b = await OperatorCli.RunAsync(["sharding", "shard-stats", "--json", "--node", OperatorCluster.NodeArg(cluster.B)]);
        Assert.True(a.ExitCode == 0 && b.ExitCode == 0, a.Stderr + b.Stderr);
        var shardsA = JsonSerializer.Deserialize<ShardStatsView>(a.Stdout, OperatorJson.Options)!;
        var shardsB = JsonSerializer.Deserialize<ShardStatsView>(b.Stdout, OperatorJson.Options)!;
        Assert.Equal(cluster.AddressA, shardsA.Node);
        Assert.Equal(stats.Members.Single(m => m.Address == cluster.AddressA).Shards, shardsA.Shards.Count);
        Assert.Equal(stats.Members.Single(m => m.Address == cluster.AddressB).Shards, shardsB.Shards.Count);
        Assert.Equal(stats.Shards, shardsA.Shards.Count + shardsB.Shards.Count);
        Assert.Equal(stats.Entities, shardsA.Entities + shardsB.Entities);
        Assert.Equal(shardsA.Entities, shardsA.Shards.Sum(s => s.Entities));

        var human = await OperatorCli.RunAsync(["sharding", "region-stats", "--node", OperatorCluster.NodeArg(cluster.A)]);
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("Shard type 'business' per member", human.Stdout);
        Assert.Contains($"│ {cluster.AddressA} ", human.Stdout);
        Assert.Matches(@"│ 2 members +│ +\d+ │ +\d+ │", human.Stdout);
    }

    [Fact]
    public async Task A_node_without_trackers_has_only_a_proxy_and_says_so_when_asked_for_shard_stats()
    {
        await WakeTrackersAsync(20);
        var proxyNode = await cluster.JoinAsync("leaderboard");
        HollerProcess.Result regions, shardStats, regionStats;
        try
        {
            await OperatorCluster.AwaitUpAsync(proxyNode, 3);
            var node = OperatorCluster.NodeArg(proxyNode);
            regions = await OperatorCli.RunAsync(["sharding", "regions", "--json", "--node", node]);
            shardStats = await HollerProcess.RunAsync(["sharding", "shard-stats", "business", "--node", node]);
            // Cluster-wide stats come from every tracker member's region, so a node without one can give them too.
            regionStats = await OperatorCli.RunAsync(["sharding", "region-stats", "--json", "--node", node]);
        }
        finally
        {
            await cluster.LeaveAsync(proxyNode);
        }

        Assert.True(regions.ExitCode == 0, regions.Stderr);
        var region = Assert.Single(JsonSerializer.Deserialize<RegionsView>(regions.Stdout, OperatorJson.Options)!.Regions);
        Assert.Equal(("business", "proxy", (int?)null), (region.TypeName, region.Kind, region.Shards));
        Assert.Equal(1, shardStats.ExitCode);
        Assert.Equal("holler: this node hosts no 'business' region, only a proxy to it; ask a node with the tracker role", shardStats.Stderr.Trim());
        Assert.True(regionStats.ExitCode == 0, regionStats.Stderr);
        var stats = JsonSerializer.Deserialize<RegionStatsView>(regionStats.Stdout, OperatorJson.Options)!;
        Assert.True(stats.Shards > 0);
        Assert.Equal(new[] { cluster.AddressA, cluster.AddressB }.Order(), stats.Members.Select(m => m.Address));
        Assert.Empty(stats.Unanswered);
    }

    [Fact]
    public async Task An_unknown_shard_type_fails_with_exit_code_1_naming_the_known_ones()
    {
        var result = await OperatorCli.RunAsync(["sharding", "region-stats", "orders", "--node", OperatorCluster.NodeArg(cluster.A)]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("holler: no shard type 'orders' on this node (known: business)", result.Stderr.Trim());
    }
}
