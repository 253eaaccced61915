using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Holler.Host.Configuration;

/// <summary>
/// Finds a configured port that another process holds before the node starts, so the answer is one line naming the
/// setting rather than whatever Akka's remoting or Kestrel make of the failed bind (pages of nested exceptions).
/// </summary>
public static partial class PortCheck
{
    /// <summary>The first configured (non-zero) port something else is listening on, as a line naming its setting.</summary>
    public static string? FindTaken(NodeConfig config)
    {
        foreach (var (setting, host, port) in Listeners(config))
            if (port != 0 && IsTaken(host, port)) return InUse(setting, port, host);
        return null;
    }

    /// <summary>
    /// The same line for a bind that failed during start-up all the same (the port was free when checked and taken
    /// before the node bound it), or a line naming the host setting when the address cannot be listened on at all.
    /// Null when <paramref name="e"/> is not a failed bind of a configured listener.
    /// </summary>
    public static string? DescribeBindFailure(Exception e, NodeConfig config)
    {
        var root = Chain(e).Last();
        foreach (var inner in Chain(e))
        {
            if (!inner.Message.Contains("bind", StringComparison.OrdinalIgnoreCase)) continue;
            // Kestrel: "Failed to bind to address http://127.0.0.1:9110: address already in use."
            // Akka remoting: "Failed to bind to [127.0.0.1:4053]. See InnerException for details."
            foreach (Match match in BoundPort().Matches(inner.Message))
            {
                var port = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var kestrel = inner.Message.Contains("://", StringComparison.Ordinal);
                foreach (var (setting, host, configured) in Listeners(config))
                    if (configured == port && kestrel != (setting == "Cluster:Port"))
                        return root is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                               || inner.Message.Contains("already in use", StringComparison.OrdinalIgnoreCase)
                            ? InUse(setting, port, host)
                            : $"{setting.Replace(":Port", ":Hostname")}: cannot listen on {host}:{port}: {root.Message}";
            }
        }
        return null;
    }

    /// <summary>An exception and its causes, down the first branch of aggregates (Akka nests one in five).</summary>
    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? next = e; next is not null; next = next.InnerException) yield return next;
    }

    private static string InUse(string setting, int port, string host) => $"{setting} {port} is already in use on {host}";

    private static IEnumerable<(string Setting, string Host, int Port)> Listeners(NodeConfig config)
    {
        yield return ("Cluster:Port", config.Hostname, config.Port);
        if (config.Has(NodeRole.Web)) yield return ("Web:Port", config.WebHostname, config.WebPort);
        yield return ("Operator:Port", config.OperatorHostname, config.OperatorPort);
    }

    private static bool IsTaken(string host, int port)
    {
        IPAddress address;
        try
        {
            address = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
                : IPAddress.TryParse(host, out var parsed) ? parsed
                : Dns.GetHostAddresses(host).OrderBy(a => a.AddressFamily != AddressFamily.InterNetwork).First();
        }
        catch (Exception e) when (e is SocketException or ArgumentException or InvalidOperationException)
        {
            return false; // an address that does not resolve is the node's start-up to report
        }
        var listener = new TcpListener(address, port);
        try
        {
            listener.Start();
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            return false; // e.g. not an address of this machine: not a taken port
        }
        finally
        {
            listener.Stop();
        }
    }

    [GeneratedRegex(@":(\d{1,5})\b")]
    private static partial Regex BoundPort();
}
