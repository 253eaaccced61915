using System.Diagnostics;
using Holler.Tests.Support;

namespace Holler.Tests.Docker;

/// <summary>
/// docker/compose.yaml as Debian's docker-compose reads it (`config` resolves and validates it; no engine needed):
/// Kafka in KRaft mode, PostgreSQL, three ingest/tracker nodes and a web node, seeded, health-checked, with volumes,
/// and no secret of its own.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string Compose = Repository.PathOf("docker", "compose.yaml");

    private static async Task<(int ExitCode, string Stdout, string Stderr)> DockerCompose(string envFile, params string[] args)
    {
        var start = new ProcessStartInfo("docker-compose")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.PathOf("docker"),
        };
        foreach (var arg in new[] { "--env-file", envFile, "-f", Compose }.Concat(args)) start.ArgumentList.Add(arg);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("docker-compose is not installed: `.ci/run` installs Debian's package (apt-get install docker-compose)", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return (process.ExitCode, await stdout, await stderr);
        }
    }

    private static async Task<string> ResolvedAsync()
    {
        var (code, stdout, stderr) = await DockerCompose(Repository.PathOf("docker", ".env.example"), "config");
        Assert.True(code == 0, $"docker-compose config failed ({code}): {stderr}");
        return stdout;
    }

    /// <summary>One service's block of the resolved file (its lines below "  name:").</summary>
    private static string Service(string resolved, string name)
    {
        var lines = resolved.Split('\n');
        var start = Array.IndexOf(lines, $"  {name}:");
        Assert.True(start >= 0, $"no service {name}");
        var end = Array.FindIndex(lines, start + 1, l => l.Length > 2 && l[2] != ' ' && l.StartsWith("  ", StringComparison.Ordinal) || l.Length > 0 && l[0] != ' ');
        return string.Join('\n', lines[(start + 1)..(end < 0 ? lines.Length : end)]);
    }

    [Fact]
    public async Task Compose_file_is_valid_and_has_the_production_services()
    {
        var (code, stdout, stderr) = await DockerCompose(Repository.PathOf("docker", ".env.example"), "config", "--services");

        Assert.True(code == 0, stderr);
        Assert.Equal(["generator", "kafka", "kafka-init", "node1", "node2", "node3", "postgres", "web"],
            stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order());
    }

    [Fact]
    public async Task Kafka_runs_in_kraft_mode_and_postgres_keeps_its_data()
    {
        var resolved = await ResolvedAsync();

        var kafka = Service(resolved, "kafka");
        Assert.Contains("image: apache/kafka:", kafka);
        Assert.Contains("KAFKA_PROCESS_ROLES: broker,controller", kafka);
        Assert.Contains("KAFKA_CONTROLLER_QUORUM_VOTERS: 1@kafka:9093", kafka);
        Assert.Contains("kafka-data:/var/lib/kafka/data", kafka);
        Assert.Contains("healthcheck:", kafka);
        var postgres = Service(resolved, "postgres");
        Assert.Contains("image: postgres:15", postgres);
        Assert.Contains("postgres-data:/var/lib/postgresql/data", postgres);
        Assert.Contains("pg_isready", postgres);
    }

    [Theory]
    [InlineData("node1", "ingest,tracker,leaderboard")]
    [InlineData("node2", "ingest,tracker,leaderboard")]
    [InlineData("node3", "ingest,tracker,leaderboard")]
    [InlineData("web", "web")]
    public async Task Every_node_is_seeded_persisted_to_postgres_and_health_checked(string name, string roles)
    {
        var node = Service(await ResolvedAsync(), name);

        Assert.Contains($"HOLLER_ROLES: {roles}", node);
        Assert.Contains($"HOLLER_CLUSTER__HOSTNAME: {name}", node);
        Assert.Contains("HOLLER_CLUSTER__SEEDNODES: akka.tcp://holler@node1:4053,akka.tcp://holler@node2:4053", node);
        Assert.Contains("HOLLER_KAFKA__BOOTSTRAP: kafka:9092", node);
        Assert.Contains("HOLLER_PERSISTENCE__PROVIDER: postgres", node);
        // The password comes from the env file (here the example's), never from the compose file.
        Assert.Contains("HOLLER_PERSISTENCE__CONNECTIONSTRING: Host=postgres;Port=5432;Database=holler;Username=holler;Password=change-me", node);
        Assert.Contains($"{name}-data:/data", node);
        Assert.Contains("/dev/tcp/127.0.0.1/9110", node);
        Assert.Contains("GET /healthz/ready", node);
        Assert.Contains("stop_grace_period: 2m", node);
        Assert.Contains("dockerfile: docker/Dockerfile", node);
    }

    [Fact]
    public async Task Nodes_start_in_order_and_only_the_web_node_publishes_the_dashboard_on_loopback()
    {
        var resolved = await ResolvedAsync();

        Assert.Contains("postgres:\n        condition: service_healthy", Service(resolved, "node1"));
        Assert.Contains("kafka-init:\n        condition: service_completed_successfully", Service(resolved, "node1"));
        foreach (var later in new[] { "node2", "node3", "web" })
            Assert.Contains("node1:\n        condition: service_healthy", Service(resolved, later));
        var web = Service(resolved, "web");
        Assert.Contains("- 127.0.0.1:5080:5080/tcp", web);
        Assert.Contains("HOLLER_WEB__PORT: '5080'", web);
        foreach (var node in new[] { "node1", "node2", "node3" }) Assert.DoesNotContain("ports:", Service(resolved, node));
    }

    [Fact]
    public async Task Without_the_secrets_compose_refuses_to_start()
    {
        using var dir = new TempDir();
        var empty = Path.Combine(dir.Path, ".env");
        await File.WriteAllTextAsync(empty, "", TestContext.Current.CancellationToken);

        var (code, _, stderr) = await DockerCompose(empty, "config");

        Assert.NotEqual(0, code);
        Assert.Contains("set POSTGRES_PASSWORD in docker/.env", stderr);
    }

    [Fact]
    public void The_env_file_with_the_secrets_is_never_committed()
    {
        Assert.Contains(File.ReadAllLines(Repository.PathOf(".gitignore")), l => l.Trim() == "docker/.env");
        Assert.Contains(File.ReadAllLines(Repository.PathOf(".dockerignore")), l => l.Trim() == "docker/.env");
        Assert.DoesNotContain("Password=", File.ReadAllText(Compose).Replace("Password=${POSTGRES_PASSWORD", ""));
    }
}
