namespace Holler.Host.Configuration;

public sealed class WebOptionsSection
{
    /// <summary>Address the dashboard listens on (nodes with the web role); 0.0.0.0 to serve beyond this machine.</summary>
    public string Hostname { get; set; } = "127.0.0.1";
    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; set; } = 5080;
    /// <summary>The dashboard's address as people reach it (https://holler.example.com), for links in alert
    /// notifications; empty for no links.</summary>
    public string PublicUrl { get; set; } = "";

    public void Validate(List<string> errors)
    {
        Listener.Validate(errors, "Web", Hostname, Port);
        if (Holler.Domain.Alerts.AlertSettings.CheckPublicUrl(PublicUrl.Trim(), "Web:PublicUrl") is { } problem) errors.Add(problem);
    }
}

public sealed class OperatorOptionsSection
{
    /// <summary>Address of the operator endpoint (holler cluster …, health, metrics); loopback unless configured.</summary>
    public string Hostname { get; set; } = "127.0.0.1";
    /// <summary>pbm's port, so operators' habits carry over; 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 9110;
    /// <summary>Bearer token operator commands must present (keep it in HOLLER_OPERATOR__TOKEN, not in files).</summary>
    public string Token { get; set; } = "";

    public void Validate(List<string> errors)
    {
        Listener.Validate(errors, "Operator", Hostname, Port);
        if (string.IsNullOrWhiteSpace(Token) && System.Net.IPAddress.TryParse(Hostname.Trim(), out var address)
            && !System.Net.IPAddress.IsLoopback(address))
            errors.Add($"Operator:Token: required when Operator:Hostname ({Hostname.Trim()}) is beyond loopback; set HOLLER_OPERATOR__TOKEN");
    }
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
}
