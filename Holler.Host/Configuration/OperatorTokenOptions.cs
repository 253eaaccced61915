using System.Globalization;

namespace Holler.Host.Configuration;

/// <summary>What an operator API token may do. Every scope can read; see docs/access.md.</summary>
[Flags]
public enum TokenScopes
{
    None = 0,
    /// <summary>GET requests: cluster state, leaderboard, businesses, ingest, metrics.</summary>
    Read = 1,
    /// <summary>Requests that change Holler's own data (alert rules …).</summary>
    Write = 2,
    /// <summary>Cluster commands: leave, down, down-unreachable.</summary>
    Operator = 4,
}

/// <summary>A named API token as the node keeps it: the SHA-256 of the token, never the token.</summary>
public sealed record OperatorTokenEntry(string Name, byte[] Hash, TokenScopes Scopes);

/// <summary>One named token, as <c>holler tokens add</c> prints it: <c>Operator:Tokens:NAME:Hash</c> and <c>:Scopes</c>.</summary>
public sealed class OperatorTokenOptions
{
    /// <summary>SHA-256 of the token, 64 hex digits.</summary>
    public string Hash { get; set; } = "";
    /// <summary>Comma-separated: read, write, operator.</summary>
    public string Scopes { get; set; } = "read";

    public static TokenScopes? ParseScopes(string text)
    {
        var scopes = TokenScopes.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var scope = part.ToLowerInvariant() switch
            {
                "read" => TokenScopes.Read,
                "write" => TokenScopes.Write,
                "operator" => TokenScopes.Operator,
                _ => (TokenScopes?)null,
            };
            if (scope is null) return null;
            scopes |= scope.Value;
        }
        return scopes == TokenScopes.None ? null : scopes | TokenScopes.Read;
    }

    /// <summary>The node's tokens: the named ones, and the single <c>Operator:Token</c> as one with every scope.</summary>
    public static IReadOnlyList<OperatorTokenEntry> Resolve(OperatorOptionsSection section, List<string> errors)
    {
        var tokens = new List<OperatorTokenEntry>();
        if (!string.IsNullOrWhiteSpace(section.Token))
            tokens.Add(new OperatorTokenEntry("Operator:Token", System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(section.Token.Trim())),
                TokenScopes.Read | TokenScopes.Write | TokenScopes.Operator));
        foreach (var (name, token) in section.Tokens)
        {
            var key = $"Operator:Tokens:{name}";
            var hash = token.Hash.Trim();
            byte[]? bytes = null;
            if (hash.Length == 64 && hash.All(Uri.IsHexDigit)) bytes = Convert.FromHexString(hash);
            else errors.Add($"{key}:Hash: not a SHA-256 in hex (make one with: holler tokens add {name} --scope SCOPE)");
            var scopes = ParseScopes(token.Scopes);
            if (scopes is null) errors.Add($"{key}:Scopes: '{token.Scopes}' is not a list of read, write, operator");
            if (bytes is not null && scopes is not null) tokens.Add(new OperatorTokenEntry(name, bytes, scopes.Value));
        }
        return tokens;
    }

    public static string Describe(TokenScopes scopes) =>
        string.Join(",", new[] { TokenScopes.Read, TokenScopes.Write, TokenScopes.Operator }
            .Where(s => scopes.HasFlag(s)).Select(s => s.ToString().ToLower(CultureInfo.InvariantCulture)));
}
