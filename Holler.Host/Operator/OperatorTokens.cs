using System.Security.Cryptography;
using System.Text;
using Holler.Host.Configuration;

namespace Holler.Host.Operator;

/// <summary>
/// The operator API's current tokens, replaced when the settings file changes (<see cref="Replace"/>), so a token is
/// added or revoked without a restart. Only SHA-256 hashes are kept: a presented token is hashed and compared to each
/// in fixed time (hashes have one length, so the comparison does not leak the token's either).
/// </summary>
public sealed class OperatorTokens(IReadOnlyList<OperatorTokenEntry> initial)
{
    private volatile IReadOnlyList<OperatorTokenEntry> _current = initial;

    /// <summary>Whether the API asks for tokens at all: decided at start (a node without any stays open on loopback).</summary>
    public bool Required { get; } = initial.Count > 0;

    public IReadOnlyList<OperatorTokenEntry> Current => _current;

    public void Replace(IReadOnlyList<OperatorTokenEntry> next) => _current = next;

    /// <summary>The token's entry, or null when no current token matches.</summary>
    public OperatorTokenEntry? Find(string presented)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        OperatorTokenEntry? found = null;
        // Every entry is compared, so the time taken does not tell which one matched.
        foreach (var entry in _current)
            if (CryptographicOperations.FixedTimeEquals(hash, entry.Hash)) found ??= entry;
        return found;
    }

    /// <summary>A new token: 32 random bytes, URL-safe base64 (what <c>holler tokens add</c> prints once).</summary>
    public static string Generate() =>
        "hlr_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
