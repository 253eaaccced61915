namespace Holler.Generation;

/// <summary>How to deliver a <see cref="GeneratorSettings"/> plan to Kafka and how fast.</summary>
public sealed record GeneratorOptions
{
    public const string DefaultTopic = "holler.traffic";

    /// <summary>Comma-separated host:port list of the Kafka brokers.</summary>
    public required string BootstrapServers { get; init; }

    public string Topic { get; init; } = DefaultTopic;

    public GeneratorSettings Plan { get; init; } = new();

    /// <summary>Event time runs this many times faster than wall time, so the wall rate is EventsPerSecond × Speedup.</summary>
    public double Speedup { get; init; } = 1;

    /// <summary>Event time never runs ahead of the wall clock: a plan that starts in the past is replayed at
    /// <see cref="Speedup"/> until it reaches the present, then goes on in real time.</summary>
    public bool CatchUpToWallClock { get; init; }

    /// <summary>Where to write one <see cref="SurgeTruth"/> JSON line per surge as it starts; null writes none.</summary>
    public string? TruthPath { get; init; }

    /// <summary>librdkafka properties applied last, so they override the generator's own choices.</summary>
    public IReadOnlyDictionary<string, string> ExtraProducerConfig { get; init; } = new Dictionary<string, string>();

    /// <summary>How often due events are sent: coarse enough to avoid a sleep per event, fine enough to look steady.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long the end of a run waits for messages still in flight before giving them up as errors.</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The shorter wait for in-flight messages once the run is cancelled.</summary>
    public TimeSpan CancelFlushTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <exception cref="ArgumentException">Names the first option (or plan setting) that is unusable.</exception>
    public void Validate()
    {
        ValidateBootstrapServers(BootstrapServers);
        if (string.IsNullOrWhiteSpace(Topic)) Fail(nameof(Topic), "must not be empty");
        if (!(Speedup > 0) || !double.IsFinite(Speedup)) Fail(nameof(Speedup), "must be a positive number");
        if (Tick <= TimeSpan.Zero) Fail(nameof(Tick), "must be positive");
        if (FlushTimeout < TimeSpan.Zero) Fail(nameof(FlushTimeout), "must not be negative");
        if (CancelFlushTimeout < TimeSpan.Zero) Fail(nameof(CancelFlushTimeout), "must not be negative");
        ArgumentNullException.ThrowIfNull(Plan);
        Plan.Validate();
    }

    /// <summary>librdkafka accepts almost any string here and then retries forever, so a typo is caught up front.</summary>
    private static void ValidateBootstrapServers(string? servers)
    {
        if (string.IsNullOrWhiteSpace(servers)) Fail(nameof(BootstrapServers), "must not be empty (expected host:port[,host:port…])");
        foreach (var raw in servers!.Split(','))
        {
            var entry = raw.Trim();
            var scheme = entry.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0) entry = entry[(scheme + 3)..];
            var colon = entry.LastIndexOf(':');
            var host = colon > 0 ? entry[..colon] : "";
            if (host.Length == 0 || !int.TryParse(entry[(colon + 1)..], System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                Fail(nameof(BootstrapServers), $"'{raw.Trim()}' is not host:port (expected host:port[,host:port…])");
        }
    }

    private static void Fail(string option, string problem) => throw new ArgumentException($"{option} {problem}", option);
}
