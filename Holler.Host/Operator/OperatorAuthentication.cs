using Holler.Host.Configuration;
using Holler.Host.Operator.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Holler.Host.Operator;

/// <summary>
/// Bearer-token check for the operator API and metrics, by scope: reading (GET) needs <see cref="TokenScopes.Read"/>,
/// cluster commands (POST /api/cluster/…) <see cref="TokenScopes.Operator"/>, any other change
/// <see cref="TokenScopes.Write"/>. No token or a wrong one is 401; a right token without the scope is 403. Health stays
/// open: orchestrators and the compose file probe it without credentials, and it tells nothing beyond which check
/// failed. With no token configured (only allowed on loopback, see NodeConfigValidator) everything is open to local
/// users, as pbm is.
/// </summary>
public static class OperatorAuthentication
{
    public static WebApplication UseOperatorAuthentication(this WebApplication app)
    {
        var tokens = app.Services.GetRequiredService<OperatorTokens>();
        if (!tokens.Required) return app;
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Holler.Operator.Authentication");
        app.Use(async (context, next) =>
        {
            if (!NeedsToken(context.Request.Path))
            {
                await next(context);
                return;
            }
            var (entry, refusal) = Check(context.Request.Headers.Authorization, tokens);
            var needed = Needed(context.Request);
            if (entry is not null && entry.Scopes.HasFlag(needed))
            {
                await next(context);
                return;
            }
            var status = entry is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            refusal ??= $"token {entry!.Name} lacks the {needed.ToString().ToLowerInvariant()} scope";
            // Never the presented value: a wrong token is often a right one for something else.
            log.LogWarning("Refused operator request {Method} {Path} from {Remote}: {Reason}",
                context.Request.Method, context.Request.Path.Value, context.Connection.RemoteIpAddress, refusal);
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer realm=\"holler-operator\"";
            var word = status == StatusCodes.Status401Unauthorized ? "unauthorized" : "forbidden";
            await context.Response.WriteAsJsonAsync(new ApiError($"{word}: {refusal}"), OperatorJson.Options);
        });
        return app;
    }

    public static bool NeedsToken(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/metrics");

    /// <summary>The scope a request needs: reading, a cluster command, or another change.</summary>
    public static TokenScopes Needed(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
            return TokenScopes.Read;
        return request.Path.StartsWithSegments("/api/cluster") ? TokenScopes.Operator : TokenScopes.Write;
    }

    /// <summary>The token's entry when the header carries a current one; otherwise why not, without the value.</summary>
    private static (OperatorTokenEntry? Entry, string? Refusal) Check(StringValues header, OperatorTokens tokens)
    {
        if (StringValues.IsNullOrEmpty(header)) return (null, "no bearer token");
        var value = header.ToString();
        const string scheme = "Bearer ";
        if (header.Count != 1 || !value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return (null, "Authorization is not a bearer token");
        return tokens.Find(value[scheme.Length..].Trim()) is { } entry ? (entry, null) : (null, "wrong bearer token");
    }
}
