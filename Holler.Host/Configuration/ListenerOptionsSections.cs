namespace Holler.Host.Configuration;

public sealed class WebOptionsSection
{
    /// <summary>Address the dashboard listens on (nodes with the web role); 0.0.0.0 to serve beyond this machine, which
    /// needs sign-in (Users or Oidc).</summary>
    public string Hostname { get; set; } = "127.0.0.1";
    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; set; } = 5080;
    /// <summary>The dashboard's address as people reach it (https://holler.example.com), for links in alert
    /// notifications; empty for no links.</summary>
    public string PublicUrl { get; set; } = "";
    /// <summary>Built-in users by name (holler users add prints an entry). Re-read when the settings file changes.</summary>
    public Dictionary<string, WebUserOptions> Users { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public WebLockoutOptions Lockout { get; set; } = new();
    public WebOidcOptions Oidc { get; set; } = new();
    /// <summary>How long a session lasts without use (sliding).</summary>
    public int SessionMinutes { get; set; } = 480;

    public void Validate(List<string> errors)
    {
        Listener.Validate(errors, "Web", Hostname, Port);
        if (Holler.Domain.Alerts.AlertSettings.CheckPublicUrl(PublicUrl.Trim(), "Web:PublicUrl") is { } problem) errors.Add(problem);
    }

    /// <summary>The dashboard's access settings; a listener beyond loopback with no way to sign in is an error (checked
    /// only on web nodes, by the caller).</summary>
    public Holler.Web.Access.WebAccessSettings ResolveAccess(List<string> errors) => WebAccessResolver.Resolve(this, errors);

    public bool BeyondLoopback => Listener.BeyondLoopback(Hostname);
}

public sealed class OperatorOptionsSection
{
    /// <summary>Address of the operator endpoint (holler cluster …, health, metrics); loopback unless configured.</summary>
    public string Hostname { get; set; } = "127.0.0.1";
    /// <summary>pbm's port, so operators' habits carry over; 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 9110;
    /// <summary>Bearer token operator commands must present (keep it in HOLLER_OPERATOR__TOKEN, not in files); it may
    /// do everything. Named tokens with narrower scopes: <see cref="Tokens"/>.</summary>
    public string Token { get; set; } = "";
    /// <summary>Named tokens, hashed, each with its scopes (holler tokens add prints an entry). Re-read when the settings
    /// file changes, so a token is added or revoked without a restart.</summary>
    public Dictionary<string, OperatorTokenOptions> Tokens { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public void Validate(List<string> errors)
    {
        Listener.Validate(errors, "Operator", Hostname, Port);
        if (string.IsNullOrWhiteSpace(Token) && Tokens.Count == 0 && Listener.BeyondLoopback(Hostname))
            errors.Add($"Operator:Token: required when Operator:Hostname ({Hostname.Trim()}) is beyond loopback; set HOLLER_OPERATOR__TOKEN");
    }

    public IReadOnlyList<OperatorTokenEntry> ResolveTokens(List<string> errors) => OperatorTokenOptions.Resolve(this, errors);
}

/// <summary>What the web and operator sections share: an address and port to listen on.</summary>
internal static class Listener
{
    public static void Validate(List<string> errors, string section, string hostname, int port)
    {
        if (!System.Net.IPAddress.TryParse(hostname?.Trim(), out _) && !string.Equals(hostname?.Trim(), "localhost", StringComparison.OrdinalIgnoreCase))
            errors.Add($"{section}:Hostname: '{hostname}' is not an IP address to listen on (e.g. 127.0.0.1 or 0.0.0.0)");
        if (port is < 0 or > 65535) errors.Add($"{section}:Port must be between 0 and 65535, was {port}");
    }

    public static bool BeyondLoopback(string hostname) =>
        System.Net.IPAddress.TryParse(hostname.Trim(), out var address) && !System.Net.IPAddress.IsLoopback(address);
}
