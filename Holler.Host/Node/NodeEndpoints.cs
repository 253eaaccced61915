using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Holler.Host.Node;

/// <summary>
/// The HTTP listeners of a node: the operator endpoint (every node) and the dashboard (web role). Ports may be 0 in
/// the configuration; the bound ones are known only once Kestrel has started, so requests are told apart by the local
/// port they arrived on rather than by routes fixed at start-up.
/// </summary>
public sealed class NodeEndpoints
{
    private ListenOptions? _operator;
    private ListenOptions? _dashboard;

    internal void Bind(KestrelServerOptions kestrel, string operatorHost, int operatorPort, string? webHost, int webPort)
    {
        kestrel.Listen(Parse(operatorHost), operatorPort, o => _operator = o);
        if (webHost is not null) kestrel.Listen(Parse(webHost), webPort, o => _dashboard = o);
    }

    /// <summary>Bound operator endpoint, e.g. http://127.0.0.1:9110.</summary>
    public Uri OperatorUrl => Url(_operator ?? throw new InvalidOperationException("the operator endpoint is not bound"));

    /// <summary>Bound dashboard address; null on a node without the web role.</summary>
    public Uri? DashboardUrl => _dashboard is null ? null : Url(_dashboard);

    public int OperatorPort => _operator!.IPEndPoint!.Port;
    public int? DashboardPort => _dashboard?.IPEndPoint?.Port;

    /// <summary>True when a request arrived on the operator listener (and not on the dashboard's).</summary>
    public bool IsOperatorPort(int localPort) => _operator?.IPEndPoint?.Port == localPort;

    private static IPAddress Parse(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(host);

    private static Uri Url(ListenOptions o)
    {
        var ep = o.IPEndPoint!;
        // A node listening on every address is reached on loopback from this machine.
        var host = ep.Address.Equals(IPAddress.Any) ? "127.0.0.1" : ep.Address.Equals(IPAddress.IPv6Any) ? "[::1]" : ep.Address.ToString();
        if (ep.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !host.StartsWith('[')) host = $"[{host}]";
        return new Uri($"http://{host}:{ep.Port}");
    }
}
