using Akka.Actor;

namespace Holler.Host.Configuration;

public sealed class ClusterOptionsSection
{
    public string Hostname { get; set; } = "127.0.0.1";
    /// <summary>0 picks a free port, fine for a node that is its own seed.</summary>
    public int Port { get; set; }
    /// <summary>Comma-separated akka.tcp://holler@host:port addresses; empty means this node forms its own cluster.</summary>
    public string SeedNodes { get; set; } = "";

    /// <summary>The seed nodes, each checked to be an address.</summary>
    public IReadOnlyList<string> Resolve(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(Hostname) || Uri.CheckHostName(Hostname) == UriHostNameType.Unknown)
            errors.Add($"Cluster:Hostname: '{Hostname}' is not a host name or IP address");
        if (Port is < 0 or > 65535) errors.Add($"Cluster:Port must be between 0 and 65535, was {Port}");
        var seeds = new List<string>();
        foreach (var seed in SeedNodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Address.TryParse(seed, out var address) && address.Host is not null && address.Port is > 0) seeds.Add(seed);
            else errors.Add($"Cluster:SeedNodes: '{seed}' is not an address like akka.tcp://holler@127.0.0.1:4053");
        }
        return seeds;
    }
}
