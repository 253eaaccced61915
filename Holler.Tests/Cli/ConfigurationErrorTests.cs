using Holler.Tests.Support;

namespace Holler.Tests.Cli;

/// <summary>Bad configuration stops start-up with exit code 2 and one line naming the setting, never a stack trace.</summary>
public sealed class ConfigurationErrorTests
{
    [Theory]
    [InlineData(new[] { "run", "--roles", "ingest,chef" }, "Roles: unknown role 'chef'")]
    [InlineData(new[] { "run", "--kafka", "no-port-here" }, "Kafka:Bootstrap: 'no-port-here' is not host:port")]
    [InlineData(new[] { "run", "--seed-nodes", "holler@nowhere" }, "Cluster:SeedNodes: 'holler@nowhere'")]
    [InlineData(new[] { "run", "--set", "Detector:EnterScore=2000" }, "Detector:EnterScore must be between 0 and 1000, was 2000")]
    [InlineData(new[] { "run", "--set", "Detector:ExitScore=9" }, "Detector:ExitScore must be between 0 and EnterScore")]
    [InlineData(new[] { "run", "--port", "seventy" }, "Cluster:Port")]
    [InlineData(new[] { "run", "--persistence", "oracle" }, "Persistence:Provider: unknown provider 'oracle'")]
    [InlineData(new[] { "run", "--persistence", "postgres" }, "Persistence:ConnectionString: required for PostgreSQL")]
    [InlineData(new[] { "run", "--set", "Kafka:DeadLetterTopic=holler.traffic" }, "Kafka:DeadLetterTopic: must differ from Kafka:Topic")]
    [InlineData(new[] { "run", "--topic", "bad topic!" }, "Kafka:Topic: 'bad topic!' is not a Kafka topic name")]
    [InlineData(new[] { "run", "--set", "Generator:SurgeEverySeconds=NaN" }, "Generator:SurgeEverySeconds must be positive")]
    [InlineData(new[] { "run", "--operator-port", "70000" }, "Operator:Port must be between 0 and 65535, was 70000")]
    [InlineData(new[] { "run", "--set", "Web:Hostname=example.com" }, "Web:Hostname: 'example.com' is not an IP address")]
    [InlineData(new[] { "run", "--web-port", "9110" }, "Web:Port and Operator:Port must differ")]
    [InlineData(new[] { "run", "--set", "Ingest:MaxRecordBytes=100" }, "Ingest:MaxRecordBytes must be between 1024 and 1048576, was 100")]
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
    public async Task A_taken_operator_port_is_named_in_one_line()
    {
        using var dir = new TempDir();
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var result = await HollerProcess.RunAsync(["run", "--data", dir.Path, "--businesses", "10", "--generator", "false",
            "--web-port", "0", "--operator-port", port.ToString()]);

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("holler: ")).ToList();
        Assert.Single(lines);
        Assert.Contains($"Operator:Port: could not start the node", lines[0]);
        Assert.Contains($":{port}", lines[0]);
    }
}
