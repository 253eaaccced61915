using System.Globalization;

namespace Holler.Host.Configuration;

public sealed class KafkaOptionsSection
{
    /// <summary>host:port[,host:port]; empty starts the embedded broker inside the node.</summary>
    public string Bootstrap { get; set; } = "";
    public string Topic { get; set; } = "holler.traffic";
    public string GroupId { get; set; } = "holler";
    public int SessionTimeoutMs { get; set; } = 10_000;
    /// <summary>Kafka static membership (<c>group.instance.id</c>): empty for none. Stable across a node's restarts and
    /// unique per node; see docs/architecture.md#snapshots-and-the-journal for what it does and does not buy.</summary>
    public string GroupInstanceId { get; set; } = "";
    public string DeadLetterTopic { get; set; } = "";

    /// <summary>The bootstrap servers, or null for the embedded broker.</summary>
    public string? Resolve(List<string> errors)
    {
        string? bootstrap = null;
        if (!string.IsNullOrWhiteSpace(Bootstrap))
        {
            bootstrap = Bootstrap.Trim();
            foreach (var server in bootstrap.Split(',', StringSplitOptions.TrimEntries))
                if (!IsHostPort(server)) errors.Add($"Kafka:Bootstrap: '{server}' is not host:port");
        }
        if (!IsKafkaName(Topic)) errors.Add($"Kafka:Topic: '{Topic}' is not a Kafka topic name (1-249 of A-Z a-z 0-9 . _ -)");
        if (string.IsNullOrWhiteSpace(GroupId)) errors.Add("Kafka:GroupId: must not be empty");
        if (!string.IsNullOrEmpty(DeadLetterTopic))
        {
            if (!IsKafkaName(DeadLetterTopic))
                errors.Add($"Kafka:DeadLetterTopic: '{DeadLetterTopic}' is not a Kafka topic name (1-249 of A-Z a-z 0-9 . _ -)");
            else if (DeadLetterTopic == Topic)
                errors.Add("Kafka:DeadLetterTopic: must differ from Kafka:Topic, or rejected records would be consumed again forever");
        }
        if (GroupInstanceId.Length > 0 && !IsKafkaName(GroupInstanceId))
            errors.Add($"Kafka:GroupInstanceId: '{GroupInstanceId}' is not a group instance id (1-249 of A-Z a-z 0-9 . _ -), or leave it empty");
        if (SessionTimeoutMs is < 1000 or > 300_000)
            errors.Add($"Kafka:SessionTimeoutMs must be between 1000 and 300000, was {SessionTimeoutMs}");
        return bootstrap;
    }

    internal static bool IsKafkaName(string name) =>
        name.Length is > 0 and <= 249 && name is not "." and not ".." && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static bool IsHostPort(string server)
    {
        var colon = server.LastIndexOf(':');
        if (colon <= 0 || colon == server.Length - 1) return false;
        var host = server[..colon].Trim('[', ']');
        return Uri.CheckHostName(host) != UriHostNameType.Unknown
               && int.TryParse(server[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
               && port is > 0 and <= 65535;
    }
}
