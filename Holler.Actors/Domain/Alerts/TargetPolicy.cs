using System.Net;
using System.Net.Sockets;

namespace Holler.Domain.Alerts;

/// <summary>
/// Where alerts may be sent. A channel's address is checked when settings load (scheme, and the host when it is an
/// address) and again for every address its name resolves to when a connection opens, so a name that later resolves
/// elsewhere (DNS rebinding) cannot reach the node's own network. See docs/alert-delivery.md#outgoing-safety.
/// </summary>
public static class TargetPolicy
{
    public const string OverrideSetting = "Alerts:AllowPrivateTargets";

    /// <summary>Null when <paramref name="url"/> may be a channel's address, else why not.</summary>
    public static string? CheckUrl(Uri url, bool allowPrivate)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return "must be an http or https address";
        if (!string.IsNullOrEmpty(url.UserInfo)) return "must not carry a user name or password (use the channel's Secret)";
        if (IPAddress.TryParse(url.IdnHost, out var address)) return CheckAddress(url.IdnHost, address, allowPrivate);
        if (!allowPrivate && IsLocalName(url.IdnHost))
            return $"{url.IdnHost} is a local name (set {OverrideSetting}=true to allow)";
        return null;
    }

    /// <summary>Null when a connection to <paramref name="address"/> (what <paramref name="host"/> resolved to) may open.</summary>
    public static string? CheckAddress(string host, IPAddress address, bool allowPrivate)
    {
        if (allowPrivate || !IsNonPublic(address)) return null;
        var what = host == address.ToString() ? host : $"{host} resolves to {address}";
        return $"{what}, a loopback, link-local or private address (set {OverrideSetting}=true to allow)";
    }

    /// <summary>Loopback, link-local, private, carrier-grade NAT, unspecified, multicast or reserved, in IPv4 or IPv6,
    /// including IPv4 carried inside IPv6 (mapped, compatible, NAT64, 6to4).</summary>
    public static bool IsNonPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork) return IsNonPublicV4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return true;
        var b = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6) return IsNonPublicV4(b[12..]);
        if (IsZero(b, 0, 12)) return IsZero(b, 12, 4) || b[15] == 1 && IsZero(b, 12, 3) || IsNonPublicV4(b[12..]); // ::, ::1, ::a.b.c.d
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && IsZero(b, 4, 8)) return IsNonPublicV4(b[12..]); // 64:ff9b::/96
        if (b[0] == 0x20 && b[1] == 0x02) return IsNonPublicV4(b[2..6]); // 6to4
        if ((b[0] & 0xfe) == 0xfc) return true; // fc00::/7 unique local
        if (b[0] == 0xfe && (b[1] & 0xc0) is 0x80 or 0xc0) return true; // fe80::/10 link-local, fec0::/10 site-local
        if (b[0] == 0xff) return true; // multicast
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return true; // 2001:db8::/32 documentation
        return false;
    }

    private static bool IsNonPublicV4(byte[] b) => b[0] switch
    {
        0 or 10 or 127 => true,
        100 => (b[1] & 0xc0) == 64, // 100.64.0.0/10
        169 => b[1] == 254,
        172 => (b[1] & 0xf0) == 16,
        192 => b[1] == 168 || b[1] == 0 && (b[2] == 0 || b[2] == 2), // 192.168/16, 192.0.0/24, 192.0.2/24
        198 => (b[1] & 0xfe) == 18 || b[1] == 51 && b[2] == 100, // 198.18/15, 198.51.100/24
        203 => b[1] == 0 && b[2] == 113,
        >= 224 => true, // multicast, reserved, broadcast
        _ => false,
    };

    private static bool IsZero(byte[] b, int start, int count)
    {
        for (var i = start; i < start + count; i++) if (b[i] != 0) return false;
        return true;
    }

    private static bool IsLocalName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase);
}
