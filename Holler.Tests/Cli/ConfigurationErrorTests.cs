using Holler.Tests.Support;

namespace Holler.Tests.Cli;

/// <summary>Bad configuration stops start-up with exit code 2 and one line naming the setting, never a stack trace.</summary>
public sealed class ConfigurationErrorTests
{
    [Theory]
    [InlineData(new[] { "run", "--roles", "ingest,chef" }, "Roles: unknown role 'chef'")]
    [InlineData(new[] { "run", "--kafka", "no-port-here" }, "Kafka:Bootstrap: 'no-port-here' is not host:port")]
    [InlineData(new[] { "run", "--seed-nodes", "holler@nowhere" }, "Cluster:SeedNodes: 'holler@nowhere'")]
    [InlineData(new[] { "run", "--set", "Detector:EnterSeverity=20000" }, "Detector:EnterSeverity must be between 0 and 10000, was 20000")]
    [InlineData(new[] { "run", "--set", "Detector:ExitSeverity=9" }, "Detector:ExitSeverity must be between 0 and EnterSeverity")]
    [InlineData(new[] { "run", "--set", "Detector:Direction=sideways" }, "Detector:Direction must be surge, drop or both, was 'sideways'")]
    [InlineData(new[] { "run", "--set", "Baseline:Holidays=mars" }, "Baseline:Holidays must be us or none, was 'mars'")]
    [InlineData(new[] { "run", "--set", "Baseline:AdoptShiftAfterMinutes=1" }, "Baseline:AdoptShiftAfterMinutes must be between 2 and 10080")]
    // The z-score's settings are gone with it: an old configuration is told so rather than silently ignored.
    [InlineData(new[] { "run", "--set", "Detector:EnterScore=4" }, "Detector:EnterScore: unknown setting")]
    [InlineData(new[] { "run", "--port", "seventy" }, "Cluster:Port")]
    [InlineData(new[] { "run", "--persistence", "oracle" }, "Persistence:Provider: unknown provider 'oracle'")]
    [InlineData(new[] { "run", "--persistence", "postgres" }, "Persistence:ConnectionString: required for PostgreSQL")]
    [InlineData(new[] { "run", "--set", "Kafka:DeadLetterTopic=holler.traffic" }, "Kafka:DeadLetterTopic: must differ from Kafka:Topic")]
    [InlineData(new[] { "run", "--topic", "bad topic!" }, "Kafka:Topic: 'bad topic!' is not a Kafka topic name")]
    [InlineData(new[] { "run", "--set", "Kafka:GroupInstanceId=node 1" }, "Kafka:GroupInstanceId: 'node 1' is not a group instance id")]
    [InlineData(new[] { "kafka-dev", "--partitions", "0" }, "--partitions must be between 1 and 256, was 0")]
    [InlineData(new[] { "kafka-dev", "--topic", "bad topic!" }, "--topic: 'bad topic!' is not a Kafka topic name")]
    [InlineData(new[] { "run", "--set", "Generator:SurgeEverySeconds=NaN" }, "Generator:SurgeEverySeconds must be positive")]
    [InlineData(new[] { "run", "--operator-port", "70000" }, "Operator:Port must be between 0 and 65535, was 70000")]
    [InlineData(new[] { "run", "--set", "Web:Hostname=example.com" }, "Web:Hostname: 'example.com' is not an IP address")]
    [InlineData(new[] { "run", "--web-port", "9110" }, "Web:Port and Operator:Port must differ")]
    [InlineData(new[] { "run", "--kafka", "," }, "Kafka:Bootstrap: '' is not host:port")]
    [InlineData(new[] { "run", "--set", "Detector:MinCout=3" }, "Detector:MinCout: unknown setting (did you mean Detector:MinCount?)")]
    [InlineData(new[] { "run", "--set", "Detectr:MinCount=3" }, "Detectr:MinCount: unknown setting (did you mean Detector:MinCount?)")]
    [InlineData(new[] { "run", "--set", "Detector:Bogus=1" }, "Detector:Bogus: unknown setting (did you mean Detector:")]
    [InlineData(new[] { "run", "--set", "Role=web" }, "Role: unknown setting (did you mean Roles?)")]
    [InlineData(new[] { "run", "--set", "Ingest:MaxRecordBytes=100" }, "Ingest:MaxRecordBytes must be between 1024 and 1048576, was 100")]
    [InlineData(new[] { "run", "--set", "Ingest:CheckpointBytes=lots" }, "Ingest:CheckpointBytes")]
    [InlineData(new[] { "run", "--set", "Ingest:CheckpointBytes=16777216" }, "Ingest:CheckpointBytes must be at most 4194304 with the embedded broker")]
    [InlineData(new[] { "run", "--set", "Web:PublicUrl=ftp://holler.example" }, "Web:PublicUrl: 'ftp://holler.example' is not an absolute http(s) address")]
    [InlineData(new[] { "run", "--set", "Alerts:GroupSize=0" }, "Alerts:GroupSize must be between 1 and 1000, was 0")]
    // Access (docs/access.md): a dashboard others can reach needs sign-in, as the operator endpoint needs a token.
    [InlineData(new[] { "run", "--set", "Web:Hostname=0.0.0.0" }, "Web:Users: required when Web:Hostname (0.0.0.0) is beyond loopback")]
    [InlineData(new[] { "run", "--set", "Web:Users:bob:PasswordHash=hunter2", "--set", "Web:Users:bob:Role=viewer" }, "Web:Users:bob:PasswordHash: not a password hash")]
    [InlineData(new[] { "run", "--set", "Web:Usrs:bob:Role=viewer" }, "Web:Usrs:bob:Role: unknown setting (did you mean Web:Users:bob:Role?)")]
    [InlineData(new[] { "run", "--set", "Web:Oidc:Authority=http://idp.example", "--set", "Web:Oidc:ClientId=holler" }, "Web:Oidc:Authority: must be https")]
    [InlineData(new[] { "run", "--set", "Operator:Tokens:ci:Hash=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "--set", "Operator:Tokens:ci:Scopes=root" },
        "Operator:Tokens:ci:Scopes: 'root' is not a list of read, write, operator")]
    public async Task A_bad_setting_is_named_in_one_line_with_exit_code_2(string[] args, string expected)
    {
        var result = await HollerProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("holler: ", lines[0]);
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void Ingest_MaxRecordBytes_is_the_parsers_record_limit_64_KiB_unless_set()
    {
        var (set, errors) = Holler.Host.Configuration.NodeConfigValidator.Resolve(new Holler.Host.Configuration.HollerOptions { Ingest = { MaxRecordBytes = 4096 } });
        Assert.Empty(errors);
        Assert.Equal(4096, set!.ParseLimits.MaxRecordBytes);

        var (unset, _) = Holler.Host.Configuration.NodeConfigValidator.Resolve(new Holler.Host.Configuration.HollerOptions());
        Assert.Equal(65_536, unset!.ParseLimits.MaxRecordBytes);
    }

    [Fact]
    public async Task Environment_variables_are_settings_too()
    {
        var result = await HollerProcess.RunAsync(["run"], environment: new Dictionary<string, string> { ["HOLLER_TRACKER__SHARDS"] = "0" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Tracker:Shards must be between 1 and 100000, was 0", result.Stderr);
    }

    [Fact]
    public async Task An_unusable_data_folder_is_refused_before_anything_starts()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "not-a-folder");
        await File.WriteAllTextAsync(file, "x", TestContext.Current.CancellationToken);

        var result = await HollerProcess.RunAsync(["run", "--data", file]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("holler: DataDir: cannot use", result.Stderr.Trim());
    }

    [Fact]
    public async Task An_unknown_key_in_a_config_file_is_named_with_the_nearest_setting()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "holler.json");
        await File.WriteAllTextAsync(file, """{ "Tracker": { "Shard": 8 } }""", TestContext.Current.CancellationToken);

        var result = await HollerProcess.RunAsync(["run", "--config", file]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("holler: Tracker:Shard: unknown setting (did you mean Tracker:Shards?)", result.Stderr.Trim());
    }

    [Fact]
    public async Task An_unknown_key_under_a_holler_section_in_the_environment_is_refused_but_other_HOLLER_variables_are_not()
    {
        // HOLLER_TEST_POSTGRES and the like belong to other tools; only keys under a section of the node's settings count.
        var result = await HollerProcess.RunAsync(["run", "--roles", "chef"], environment: new Dictionary<string, string>
        {
            ["HOLLER_KAFKA__TOPICS"] = "x",
            ["HOLLER_SOME_TOOL_SETTING"] = "1",
        });

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.Contains("Roles: unknown role 'chef'"));
        Assert.Contains(lines, l => l.Contains("KAFKA:TOPICS: unknown setting (did you mean Kafka:Topic?)"));
    }

    [Theory]
    [InlineData("--port", "Cluster:Port")]
    [InlineData("--web-port", "Web:Port")]
    [InlineData("--operator-port", "Operator:Port")]
    public async Task A_taken_port_is_named_in_one_line_without_a_trace(string flag, string setting)
    {
        using var dir = new TempDir();
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var ports = new Dictionary<string, string> { ["--port"] = "0", ["--web-port"] = "0", ["--operator-port"] = "0" };
        ports[flag] = port.ToString();

        var result = await HollerProcess.RunAsync(["run", "--data", dir.Path, "--businesses", "10", "--generator", "false",
            ..ports.SelectMany(p => new[] { p.Key, p.Value })]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"holler: {setting} {port} is already in use on 127.0.0.1", result.Stderr.Trim());
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task An_unreachable_broker_is_said_on_the_console_and_so_is_its_recovery()
    {
        using var kafka = MockKafkaCluster.Start();
        kafka.BrokerDown();
        using var dir = new TempDir();
        await using var node = HollerProcess.Start("node", ["run", "--data", dir.Path, "--businesses", "10", "--web-port", "0",
            "--operator-port", "0", "--kafka", kafka.BootstrapServers]);

        await node.WaitForLineAsync(l => l == $"holler: Kafka at {kafka.BootstrapServers} is not reachable yet (still trying)",
            TimeSpan.FromSeconds(90), "the unreachable-broker line");
        kafka.BrokerUp();
        await node.WaitForLineAsync(l => l == $"holler: Kafka at {kafka.BootstrapServers} is reachable now",
            TimeSpan.FromSeconds(60), "the recovery line");

        // Said once, not once per check (every few seconds).
        Assert.Single(node.Lines, l => l.Contains("is not reachable yet"));
    }
}
