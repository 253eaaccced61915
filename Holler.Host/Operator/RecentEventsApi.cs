using Akka.Actor;
using Akka.Hosting;
using Holler.Domain;
using Holler.Host.Operator.Api;
using Holler.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Holler.Host.Operator;

/// <summary><c>/api/business/{id}/events?platform=&amp;status=&amp;path=&amp;max=</c>: the drill-down's recent events
/// (see docs/dimensions.md#recent-events). Asking, like looking at the drill-down, keeps them being kept for a while.</summary>
internal static class RecentEventsApi
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/business/{id}/events", async (string id, string? platform, string? status, string? path, int? max,
            IActorRegistry registry, CancellationToken token) =>
        {
            if (!TryFilter(platform, status, path, out var filter, out var error))
                return ClusterApi.Error(StatusCodes.Status400BadRequest, error);
            if (max is < 1 or > RecentEventsSettings.MaxPerBusiness)
                return ClusterApi.Error(StatusCodes.Status400BadRequest, $"max must be between 1 and {RecentEventsSettings.MaxPerBusiness}, was {max}");
            RecentEventsPage page;
            try { page = await registry.Get<ShardTracker>().Ask<RecentEventsPage>(new GetRecentEvents(id, max ?? 50, filter), AskTimeout, token); }
            catch (AskTimeoutException)
            {
                return ClusterApi.Error(StatusCodes.Status503ServiceUnavailable,
                    $"the tracker of '{id}' did not answer within {AskTimeout.TotalSeconds:0} s; is a node with the {ShardTrackerSetup.Role} role up?");
            }
            return Results.Json(View(page), OperatorJson.Options);
        });

    public static RecentEventsView View(RecentEventsPage page)
    {
        var kept = page.Watch is RecentEventsWatch.Viewed or RecentEventsWatch.Surging;
        return new RecentEventsView(page.BusinessId, page.Watch.ToString().ToLowerInvariant(),
            kept ? DateTimeOffset.FromUnixTimeMilliseconds(page.LeaseUntilMs) : null, page.Held,
            [.. page.Events.Select(e => new RecentEventView(DateTimeOffset.FromUnixTimeSeconds(e.Second), e.Platform.Name(), e.Status.Name(),
                e.Path, e.Referrer, e.Region, e.User == 0 ? null : e.User.ToString("x16")[..8], e.Partition, e.Offset))]);
    }

    /// <summary>Reads the query's filter: platform and status as the API writes them (ios, 5xx), any case.</summary>
    public static bool TryFilter(string? platform, string? status, string? path, out RecentEventFilter filter, out string error)
    {
        filter = RecentEventFilter.All;
        error = "";
        Platform? p = null;
        if (!string.IsNullOrWhiteSpace(platform))
        {
            var names = Enum.GetValues<Platform>();
            if (names.FirstOrDefault(n => string.Equals(n.Name(), platform.Trim(), StringComparison.OrdinalIgnoreCase)) is var found
                && !string.Equals(found.Name(), platform.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                error = $"platform must be one of {string.Join(", ", names.Select(n => n.Name()))}, was '{platform}'";
                return false;
            }
            p = found;
        }
        StatusClass? s = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            var classes = Enum.GetValues<StatusClass>();
            if (classes.FirstOrDefault(c => string.Equals(c.Name(), status.Trim(), StringComparison.OrdinalIgnoreCase)) is var found
                && !string.Equals(found.Name(), status.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                error = $"status must be one of {string.Join(", ", classes.Select(c => c.Name()))}, was '{status}'";
                return false;
            }
            s = found;
        }
        filter = new RecentEventFilter(p, s, string.IsNullOrWhiteSpace(path) ? null : path.Trim());
        return true;
    }
}
