using System.Security.Cryptography;
using System.Text;
using Holler.Host.Configuration;
using Holler.Host.Operator.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Holler.Host.Operator;

/// <summary>
/// Bearer-token check for the operator API and metrics. Health stays open: orchestrators and the compose file probe it
/// without credentials, and it tells nothing beyond which check failed. With no token configured (only allowed on
/// loopback, see NodeConfigValidator) everything is open to local users, as pbm is.
/// </summary>
public static class OperatorAuthentication
{
    public static WebApplication UseOperatorAuthentication(this WebApplication app)
    {
        var token = app.Services.GetRequiredService<NodeConfig>().OperatorToken;
        if (token.Length == 0) return app;
        // Hashes have a fixed length, so comparing them in fixed time also hides the token's length.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Holler.Operator.Authentication");
        app.Use(async (context, next) =>
        {
            if (!NeedsToken(context.Request.Path))
            {
                await next(context);
                return;
            }
            var refusal = Check(context.Request.Headers.Authorization, expected);
            if (refusal is null)
            {
                await next(context);
                return;
            }
            // Never the presented value: a wrong token is often a right one for something else.
            log.LogWarning("Refused operator request {Method} {Path} from {Remote}: {Reason}",
                context.Request.Method, context.Request.Path.Value, context.Connection.RemoteIpAddress, refusal);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"holler-operator\"";
            await context.Response.WriteAsJsonAsync(new ApiError($"unauthorized: {refusal}"), OperatorJson.Options);
        });
        return app;
    }

    public static bool NeedsToken(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/metrics");

    /// <summary>Null when the header carries the expected token; otherwise why not, without the value.</summary>
    private static string? Check(StringValues header, byte[] expected)
    {
        if (StringValues.IsNullOrEmpty(header)) return "no bearer token";
        var value = header.ToString();
        const string scheme = "Bearer ";
        if (header.Count != 1 || !value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return "Authorization is not a bearer token";
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(value[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, expected) ? null : "wrong bearer token";
    }
}
