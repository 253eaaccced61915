using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Holler.Host.Operator.Api;
using Holler.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Holler.Host.Operator;

/// <summary><c>/api/sharding…</c>: pbm's cluster-sharding palette: regions, region-stats, shard-stats.</summary>
internal static class ShardingApi
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/sharding/regions", async (ActorSystem system, CancellationToken token) =>
        {
            var regions = new List<RegionView>();
            foreach (var (typeName, region, hosted) in Regions(system))
            {
                if (!hosted)
                {
                    regions.Add(new RegionView(typeName, "proxy", null, null));
                    continue;
                }
                var stats = await region.Ask<ShardRegionStats>(GetShardRegionStats.Instance, AskTimeout, token);
                regions.Add(new RegionView(typeName, "region", stats.Stats.Count, stats.Stats.Values.Sum()));
            }
            return Results.Json(new RegionsView(Cluster.Get(system).SelfAddress.ToString(), regions), OperatorJson.Options);
        });

        api.MapGet("/sharding/{type}/region-stats", async (string type, ActorSystem system, CancellationToken token) =>
        {
            if (Find(system, type) is not { } found) return UnknownType(system, type);
            // Every member that hosts the type is asked itself, not through the coordinator: the coordinator's
            // GetClusterShardingStats answers nothing at all when one region is slow, and it keeps a crashed member's
            // region for the down-removal margin after the member is gone, which is exactly when operators ask.
            var hosts = Cluster.Get(system).State.Members
                .Where(m => m.HasRole(ShardTrackerSetup.Role) && m.Status is MemberStatus.Up or MemberStatus.Leaving)
                .ToList();
            if (hosts.Count == 0)
                return ClusterApi.Error(StatusCodes.Status503ServiceUnavailable,
                    $"no member with the {ShardTrackerSetup.Role} role is up, so no '{found.TypeName}' region can answer");
            // A proxy is named "<type>Proxy" beside where the region would be: the region's path is the same on every node.
            var regionPath = found.Region.Path.Parent / found.TypeName;
            var answers = await Task.WhenAll(hosts.Select(m => AskRegionAsync(system, m.Address, regionPath, token)));
            var members = answers.Where(a => a.Stats is not null)
                .Select(a => new MemberShardsView(a.Address.ToString(), a.Stats!.Stats.Count, a.Stats.Stats.Values.Sum()))
                .OrderBy(m => m.Address, StringComparer.Ordinal)
                .ToList();
            var failed = answers.SelectMany(a => a.Stats?.Failed ?? []).Order(StringComparer.Ordinal).ToList();
            var unanswered = answers.Where(a => a.Stats is null).Select(a => a.Address.ToString()).Order(StringComparer.Ordinal).ToList();
            return Results.Json(new RegionStatsView(found.TypeName, members, members.Sum(m => m.Shards), members.Sum(m => m.Entities), failed,
                unanswered), OperatorJson.Options);
        });

        api.MapGet("/sharding/{type}/shard-stats", async (string type, ActorSystem system, CancellationToken token) =>
        {
            if (Find(system, type) is not { } found) return UnknownType(system, type);
            // A proxy answers shard queries with nothing (akka.net #3746): say so rather than show an empty table.
            if (!found.Hosted)
                return ClusterApi.Error(StatusCodes.Status409Conflict,
                    $"this node hosts no '{found.TypeName}' region, only a proxy to it; ask a node with the {ShardTrackerSetup.Role} role");
            var state = await found.Region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, AskTimeout, token);
            var shards = state.Shards
                .Select(s => new ShardView(s.ShardId, s.EntityIds.Count))
                .OrderBy(s => int.TryParse(s.ShardId, out var n) ? n : int.MaxValue)
                .ThenBy(s => s.ShardId, StringComparer.Ordinal)
                .ToList();
            return Results.Json(new ShardStatsView(found.TypeName, Cluster.Get(system).SelfAddress.ToString(), shards, shards.Sum(s => s.Entities)),
                OperatorJson.Options);
        });
    }

    /// <summary>One member's region statistics, or null when it did not answer in time (crashed, unreachable, busy).</summary>
    private static async Task<(Address Address, ShardRegionStats? Stats)> AskRegionAsync(ActorSystem system, Address member,
        ActorPath regionPath, CancellationToken token)
    {
        var path = new RootActorPath(member) / regionPath.Elements;
        try
        {
            return (member, await system.ActorSelection(path).Ask<ShardRegionStats>(GetShardRegionStats.Instance, AskTimeout, token));
        }
        catch (AskTimeoutException)
        {
            return (member, null);
        }
    }

    /// <summary>Every shard type this node started, with its region (or proxy) and whether it hosts entities here.</summary>
    private static IEnumerable<(string TypeName, IActorRef Region, bool Hosted)> Regions(ActorSystem system)
    {
        var sharding = ClusterSharding.Get(system);
        foreach (var typeName in sharding.ShardTypeNames.Append(ShardTrackerSetup.TypeName).Distinct().Order(StringComparer.Ordinal))
        {
            IActorRef region;
            try { region = sharding.ShardRegion(typeName); }
            catch (ArgumentException) { continue; }
            // Akka names a proxy "<type>Proxy" and a region after its type.
            yield return (typeName, region, !region.Path.Name.EndsWith("Proxy", StringComparison.Ordinal));
        }
    }

    private static (string TypeName, IActorRef Region, bool Hosted)? Find(ActorSystem system, string type) =>
        Regions(system).Where(r => string.Equals(r.TypeName, type, StringComparison.OrdinalIgnoreCase))
            .Select(r => ((string, IActorRef, bool)?)r).FirstOrDefault();

    private static IResult UnknownType(ActorSystem system, string type) =>
        ClusterApi.Error(StatusCodes.Status404NotFound,
            $"no shard type '{type}' on this node (known: {string.Join(", ", Regions(system).Select(r => r.TypeName))})");
}
