using Akka.Actor;
using Akka.Hosting;
using Holler.Host.Configuration;
using Holler.Host.Node;
using Holler.Host.Operator.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace Holler.Host.Operator;

/// <summary>Where the operator endpoint reaches the rest of the node.</summary>
/// <param name="KafkaBootstrap">The brokers the node's ingest uses (the embedded broker's when embedded).</param>
public sealed record OperatorEndpointOptions(string KafkaBootstrap);

/// <summary>
/// The operator endpoint every node serves on its own port: health (<c>/healthz/live</c>, <c>/healthz/ready</c>),
/// Prometheus metrics (<c>/metrics</c>) and the API behind <c>holler cluster|sharding|top|business|ingest|alerts</c>
/// (<c>/api/…</c>). Requests to operator paths on the dashboard's port are not served, so a dashboard bound beyond
/// loopback never exposes them; /api and /metrics need the bearer token when one is configured.
/// </summary>
public static class OperatorEndpoints
{
    public const string HealthPrefix = "/healthz";

    /// <summary>The services behind the endpoint: metrics registry, readiness checks, ingest rate meter.</summary>
    public static IServiceCollection AddOperatorEndpoint(this IServiceCollection services, string kafkaBootstrap)
    {
        services.AddSingleton(new OperatorEndpointOptions(kafkaBootstrap));
        services.AddSingleton<LeaderboardWatch>();
        services.AddSingleton<NodeMetrics>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IngestRateMeter>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestRateMeter>());
        services.AddSingleton<ReadinessMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ReadinessMonitor>());
        return services;
    }

    /// <summary>The node-local actors the endpoint reads from (the leaderboard publications it counts).</summary>
    public static AkkaConfigurationBuilder AddOperatorActors(this AkkaConfigurationBuilder akka, IServiceProvider services)
    {
        var watch = services.GetRequiredService<LeaderboardWatch>();
        // Created now so the trackers' latency hooks are in place before the first tracker starts.
        services.GetRequiredService<NodeMetrics>();
        return akka.WithActors((system, _) => system.ActorOf(LeaderboardWatcher.PropsFor(watch), "operator-leaderboard-watch"));
    }

    /// <summary>Operator paths only on the operator port, dashboard paths only on the dashboard's; then, when a token is
    /// configured, no /api or /metrics request without it.</summary>
    public static WebApplication UseOperatorPortSeparation(this WebApplication app, NodeEndpoints endpoints)
    {
        app.Use(async (context, next) =>
        {
            var onOperatorPort = endpoints.IsOperatorPort(context.Connection.LocalPort);
            var operatorPath = IsOperatorPath(context.Request.Path);
            if (onOperatorPort != operatorPath)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        });
        return app.UseOperatorAuthentication();
    }

    public static WebApplication MapOperatorEndpoints(this WebApplication app)
    {
        app.MapGet($"{HealthPrefix}/live", () => Results.Json(new HealthView("live", [], []), OperatorJson.Options));
        app.MapGet($"{HealthPrefix}/ready", (ReadinessMonitor monitor, ActorSystem system) =>
        {
            var health = monitor.Ready(system);
            return Results.Json(health, OperatorJson.Options,
                statusCode: health.Failed.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapMetrics("/metrics", app.Services.GetRequiredService<NodeMetrics>().Registry);

        var api = app.MapGroup("/api");
        ClusterApi.Map(api);
        ShardingApi.Map(api);
        PipelineApi.Map(api);
        SurgesApi.Map(api);
        RecentEventsApi.Map(api);
        AlertsApi.Map(api);
        HistoryApi.Map(api);
        // Anything else under /api is a client newer than this node, or a typo: say so in the API's own shape.
        api.MapFallback(() => ClusterApi.Error(StatusCodes.Status404NotFound, "no such operator API; is holler newer than this node?"));
        return app;
    }

    private static bool IsOperatorPath(PathString path) =>
        path.StartsWithSegments(HealthPrefix) || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/api");
}
