using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Holler.Domain;
using Holler.Domain.Catalog;
using Holler.Host.Configuration;
using Holler.Host.Operator.Api;
using Holler.Ingest;
using Holler.Leaderboard;
using Holler.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Holler.Host.Operator;

/// <summary><c>/api/leaderboard</c>, <c>/api/business/{id}</c>, <c>/api/ingest</c>: what the pipeline is doing.</summary>
internal static class PipelineApi
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/leaderboard", async (IActorRegistry registry, BusinessCatalog catalog, CancellationToken token) =>
        {
            LeaderboardUpdated board;
            try { board = await registry.Get<LeaderboardActor>().Ask<LeaderboardUpdated>(GetLeaderboard.Instance, TimeSpan.FromSeconds(5), token); }
            catch (AskTimeoutException)
            {
                return ClusterApi.Error(StatusCodes.Status503ServiceUnavailable,
                    $"the leaderboard did not answer within 5 s; is a node with the {LeaderboardSetup.Role} role up?");
            }
            var rows = board.Top.Select((e, i) =>
            {
                catalog.TryGet(e.BusinessId, out var info);
                return new LeaderboardRowView(i + 1, e.BusinessId, info?.Name, info?.City, info?.Category, e.Score, e.Ratio, e.Count,
                    e.Baseline, DateTimeOffset.FromUnixTimeMilliseconds(e.SinceMs), DriverView.From(e.Drivers));
            }).ToList();
            var errorRows = board.ErrorTopOrEmpty.Select((e, i) =>
            {
                catalog.TryGet(e.BusinessId, out var info);
                return new ErrorRowView(i + 1, e.BusinessId, info?.Name, info?.City, info?.Category, e.Score, Math.Round(e.Ratio, 4),
                    Math.Round(e.Baseline, 4), e.Count, DateTimeOffset.FromUnixTimeMilliseconds(e.SinceMs), DriverView.From(e.Drivers));
            }).ToList();
            return Results.Json(new LeaderboardView(DateTimeOffset.FromUnixTimeMilliseconds(board.PublishedAtMs), board.Sequence,
                board.Surging, rows, board.ErrorSurging, errorRows), OperatorJson.Options);
        });

        api.MapGet("/business/{id}", async (string id, IActorRegistry registry, BusinessCatalog catalog, CancellationToken token) =>
        {
            BusinessSeries s;
            try { s = await registry.Get<ShardTracker>().Ask<BusinessSeries>(new GetBusinessSeries(id), AskTimeout, token); }
            catch (AskTimeoutException)
            {
                return ClusterApi.Error(StatusCodes.Status503ServiceUnavailable,
                    $"the tracker of '{id}' did not answer within {AskTimeout.TotalSeconds:0} s; is a node with the {ShardTrackerSetup.Role} role up?");
            }
            var known = catalog.TryGet(id, out var info);
            var seen = s.HeadSecond != 0 || s.Total != 0;
            if (!known && !seen)
                return ClusterApi.Error(StatusCodes.Status404NotFound, $"no business '{id}': not in the catalog and never seen in traffic");
            var state = s.Surging ? (s.Drop ? "dropping" : "surging") : !seen ? "no-traffic" : !s.Warm ? "warming-up" : "normal";
            return Results.Json(new BusinessView(id, info?.Name, info?.Category, info?.City, state, s.Count,
                s.HeadSecond == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(s.HeadSecond + 1), s.WindowCounts, s.Baseline,
                s.BandLow, s.BandHigh, s.Warm, s.Score, s.Ratio, s.Surging ? DateTimeOffset.FromUnixTimeMilliseconds(s.SurgeSinceMs) : null,
                s.Total, s.Late, s.MinuteCounts, s.Surging ? (s.Drop ? "drop" : "surge") : null, s.ShiftMinutes,
                DimensionsView.From(s.Dimensions)), OperatorJson.Options);
        });

        api.MapGet("/ingest", async (ActorSystem system, IActorRegistry registry, IngestMetrics metrics, NodeConfig config,
            IngestRateMeter meter, CancellationToken token) =>
        {
            if (!registry.TryGet<IngestActor>(out var ingest))
                return ClusterApi.Error(StatusCodes.Status404NotFound, $"this node has no {IngestSetup.Role} role (roles: {string.Join(", ", Cluster.Get(system).SelfRoles)})");
            var status = await ingest.Ask<IngestStatus>(GetIngestStatus.Instance, AskTimeout, token);
            var partitions = PartitionView.From(status.Committed, status.LogEnd);
            var rates = meter.Rates();
            var rejected = Enum.GetValues<RejectReason>().ToDictionary(r => r.ToString(), r => status.Rejected.GetValueOrDefault(r));
            return Results.Json(new IngestView(Cluster.Get(system).SelfAddress.ToString(), config.Topic, status.Consumed, status.Accepted,
                status.Applied, status.Duplicates, rejected.Values.Sum(), rejected, rates.Consumed, rates.Applied, rates.WindowSeconds,
                IngestView.TotalLag(partitions), partitions, metrics.SkippedOffsets), OperatorJson.Options);
        });
    }
}
