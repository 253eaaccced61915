using System.Net;
using System.Net.Sockets;
using Holler.Domain.Alerts;

namespace Holler.Alerts.Channels;

/// <summary>
/// Opens every outgoing connection of the alert channels: resolves the name itself, refuses when any address it
/// resolves to is loopback, link-local or private (<see cref="TargetPolicy"/>), and connects to the addresses it
/// checked. Checking here, not on the URL, is what stops DNS rebinding: the address checked is the address used.
/// </summary>
public static class GuardedConnector
{
    public static async Task<Socket> ConnectAsync(string host, int port, bool allowPrivate, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
        // Any non-public answer refuses the name: a receiver's name that also resolves inward is not one to trust.
        foreach (var address in addresses)
        {
            if (TargetPolicy.CheckAddress(host, address, allowPrivate) is { } refusal) throw new TargetRefusedException(refusal);
        }
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), ct);
                return socket;
            }
            catch (Exception e) when (e is SocketException && !ct.IsCancellationRequested)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }
}
