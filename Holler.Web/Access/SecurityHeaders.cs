using Microsoft.AspNetCore.Http;

namespace Holler.Web.Access;

/// <summary>
/// Headers every dashboard response carries. The content security policy allows what Blazor Server and the charts
/// need and nothing else: scripts from this origin only (blazor.web.js, MudBlazor, Plotly — no inline script, no eval);
/// inline styles, because MudBlazor and Plotly set style attributes and Plotly adds its own style element; the
/// circuit's WebSocket back to this host; data: images (the favicon). Frames are denied both ways the browsers know.
/// HSTS is sent only over https: over http it is ignored and, on a dev node, would only pin a name to https.
/// </summary>
public static class SecurityHeaders
{
    public static string Policy(HttpRequest request) =>
        "default-src 'self'; " +
        "script-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        $"connect-src 'self' ws://{request.Host} wss://{request.Host}; " +
        "frame-ancestors 'none'; " +
        "form-action 'self'; " +
        "base-uri 'self'; " +
        "object-src 'none'";

    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy(context.Request);
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
    }
}
