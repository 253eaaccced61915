namespace Holler.Host.Commands.Operator;

/// <summary>Reads <c>--node</c>: host:port (pbm's form), a bare host (port 9110), or an http:// URL.</summary>
public static class NodeAddress
{
    public const string Default = "127.0.0.1:9110";
    public const int DefaultPort = 9110;

    public static bool TryParse(string? text, out Uri uri, out string problem)
    {
        uri = null!;
        problem = "";
        text = text?.Trim() ?? "";
        if (text.Length == 0)
        {
            problem = "give the node's operator endpoint as host:port, e.g. 127.0.0.1:9110";
            return false;
        }
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")
            || parsed.HostNameType == UriHostNameType.Unknown || parsed.AbsolutePath != "/" || parsed.Query.Length > 0)
        {
            problem = $"'{text}' is not host:port (e.g. 127.0.0.1:9110)";
            return false;
        }
        // No port given (a bare host or URL): pbm's operator port, which is Holler's too.
        var portGiven = !parsed.IsDefaultPort || text.EndsWith(":80", StringComparison.Ordinal) || text.EndsWith(":443", StringComparison.Ordinal);
        uri = new UriBuilder(parsed) { Port = portGiven ? parsed.Port : DefaultPort }.Uri;
        return true;
    }

    /// <summary>host:port as a person wrote it in --node.</summary>
    public static string Display(Uri uri) => $"{uri.Host}:{uri.Port}";
}
