using Akka.Actor;
using Akka.Hosting;
using Holler.Domain.Catalog;
using Holler.Host.Operator.Api;
using Holler.Leaderboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Holler.Host.Operator;

/// <summary><c>/api/surges</c>: the recent surges, drops and error surges with their drivers, as the dashboard's surge
/// history lists them.</summary>
internal static class SurgesApi
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/surges", async (IActorRegistry registry, BusinessCatalog catalog, CancellationToken token) =>
        {
            SurgeHistoryReply reply;
            try { reply = await registry.Get<LeaderboardActor>().Ask<SurgeHistoryReply>(GetSurgeHistory.Instance, AskTimeout, token); }
            catch (AskTimeoutException)
            {
                return ClusterApi.Error(StatusCodes.Status503ServiceUnavailable,
                    $"the leaderboard did not answer within {AskTimeout.TotalSeconds:0} s; is a node with the {LeaderboardSetup.Role} role up?");
            }
            var surges = reply.Recent.Select(r =>
            {
                catalog.TryGet(r.BusinessId, out var info);
                return new RecentSurgeView(r.BusinessId, info?.Name, info?.City, info?.Category, r.Kind,
                    DateTimeOffset.FromUnixTimeMilliseconds(r.StartedMs), r.Ongoing ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.EndedMs),
                    r.PeakScore, r.PeakCount, r.Errors ? Math.Round(r.PeakRatio, 4) : r.PeakRatio, DriverView.From(r.Drivers));
            }).ToList();
            return Results.Json(new RecentSurgesView(surges), OperatorJson.Options);
        });
}
