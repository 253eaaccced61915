using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Holler.Domain.Alerts;

/// <summary>
/// The <c>Holler-Signature</c> header, Stripe-style: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of
/// "&lt;t&gt;.&lt;body&gt;"&gt;</c>. The timestamp is inside the signed text so a captured request cannot be replayed
/// later with a fresh one; receivers reject old timestamps (docs/alert-delivery.md#verifying-the-signature).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Holler-Signature";
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long unixSeconds, string body) =>
        $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={Hex(secret, unixSeconds, body)}";

    /// <summary>True when <paramref name="header"/> holds a v1 signature of <paramref name="body"/> with
    /// <paramref name="secret"/> whose timestamp is within <paramref name="tolerance"/> of <paramref name="nowUnixSeconds"/>.</summary>
    public static bool Verify(string header, string secret, string body, long nowUnixSeconds, TimeSpan tolerance)
    {
        long? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal)
                && long.TryParse(part.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) t = parsed;
            else if (part.StartsWith("v1=", StringComparison.Ordinal)) signatures.Add(part[3..]);
        }
        if (t is not { } ts || Math.Abs(nowUnixSeconds - ts) > tolerance.TotalSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Hex(secret, ts, body));
        // Several v1 entries are allowed, so a receiver keeps working while a secret is rotated.
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }

    private static string Hex(string secret, long unixSeconds, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{unixSeconds.ToString(CultureInfo.InvariantCulture)}.{body}")));
}
