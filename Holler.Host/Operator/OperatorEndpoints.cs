using Holler.Host.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Holler.Host.Operator;

/// <summary>
/// The operator endpoint every node serves on its own port: health now; operator commands and metrics build on it.
/// Requests to operator paths on the dashboard's port are not served, so a dashboard bound beyond loopback never
/// exposes them.
/// </summary>
public static class OperatorEndpoints
{
    public const string HealthPrefix = "/healthz";

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
        return app;
    }

    public static WebApplication MapOperatorEndpoints(this WebApplication app)
    {
        app.MapGet($"{HealthPrefix}/live", () => Results.Text("live\n"));
        return app;
    }

    private static bool IsOperatorPath(PathString path) =>
        path.StartsWithSegments(HealthPrefix) || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/api");
}
