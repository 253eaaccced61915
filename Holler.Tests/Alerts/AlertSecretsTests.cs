using Holler.Tests.Support;

namespace Holler.Tests.Alerts;

/// <summary>Channel secrets given as HOLLER_* environment variables reach the node and are never printed: not in its
/// console or log output, not in a bad-setting message, not in what its operator API answers.</summary>
public sealed class AlertSecretsTests
{
    private const string WebhookSecret = "whsec-SECRET-VALUE-123";
    private const string SlackToken = "SLACKTOKEN123";
    private const string SmtpPassword = "smtp-PASSWORD-456";
    private static readonly string[] Secrets = [WebhookSecret, SlackToken, SmtpPassword];

    private static Dictionary<string, string> Environment() => new()
    {
        ["HOLLER_ALERTS__CHANNELS__OPS__KIND"] = "webhook",
        ["HOLLER_ALERTS__CHANNELS__OPS__URL"] = "https://hooks.example.com/holler",
        ["HOLLER_ALERTS__CHANNELS__OPS__SECRET"] = WebhookSecret,
        ["HOLLER_ALERTS__CHANNELS__TEAM__KIND"] = "slack",
        ["HOLLER_ALERTS__CHANNELS__TEAM__URL"] = $"https://hooks.slack.com/services/T000/B000/{SlackToken}",
        ["HOLLER_ALERTS__CHANNELS__MAIL__KIND"] = "email",
        ["HOLLER_ALERTS__CHANNELS__MAIL__TO"] = "ops@example.com",
        ["HOLLER_ALERTS__SMTP__HOST"] = "smtp.example.com",
        ["HOLLER_ALERTS__SMTP__USER"] = "holler",
        ["HOLLER_ALERTS__SMTP__PASSWORD"] = SmtpPassword,
        ["HOLLER_ALERTS__SMTP__FROM"] = "holler@example.com",
    };

    [Fact]
    public async Task A_running_node_prints_no_secret_and_its_operator_API_answers_none()
    {
        using var dir = new TempDir();
        var ct = TestContext.Current.CancellationToken;
        var answers = new List<string>();
        await using (var node = HollerProcess.Start("node", ["run", "--data", dir.Path, "--businesses", "10", "--generator", "false",
                         "--port", "0", "--web-port", "0", "--operator-port", "0", "--roles", "ingest,tracker,leaderboard"], Environment()))
        {
            await node.WaitForLineAsync(l => l.TrimStart().StartsWith("operator ", StringComparison.Ordinal), TimeSpan.FromSeconds(120), "the banner");
            var line = node.Lines.First(l => l.TrimStart().StartsWith("operator ", StringComparison.Ordinal));
            var url = new Uri(line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
            using var http = new HttpClient { BaseAddress = url };
            foreach (var path in new[] { "/healthz/live", "/healthz/ready", "/metrics", "/api/cluster", "/api/ingest", "/api/leaderboard" })
            {
                using var response = await http.GetAsync(path, ct);
                answers.Add($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }
            node.Terminate();
            Assert.Equal(0, await node.WaitForExitAsync(TimeSpan.FromSeconds(60)));

            var output = string.Join('\n', node.Lines);
            Assert.Contains("Holler node up", output);
            foreach (var secret in Secrets) Assert.DoesNotContain(secret, output);
        }
        Assert.Contains(answers, a => a.StartsWith("/api/cluster: 200", StringComparison.Ordinal));
        foreach (var secret in Secrets) Assert.All(answers, a => Assert.DoesNotContain(secret, a));
        var logs = string.Join('\n', Directory.EnumerateFiles(dir.Path, "*.log", SearchOption.AllDirectories).Select(File.ReadAllText));
        foreach (var secret in Secrets) Assert.DoesNotContain(secret, logs);
    }

    [Fact]
    public async Task A_bad_setting_next_to_secrets_is_reported_without_them()
    {
        var environment = Environment();
        environment["HOLLER_ALERTS__CHANNELS__TEAM__URL"] = $"gopher://hooks.slack.com/services/T000/B000/{SlackToken}";
        environment["HOLLER_ALERTS__SMTP__SECURITY"] = "sometimes";

        var result = await HollerProcess.RunAsync(["run", "--roles", "chef"], environment: environment);

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l == "holler: Alerts:Channels:TEAM:Url: must be an http or https address");
        Assert.Contains(lines, l => l == "holler: Alerts:Smtp:Security: must be auto, starttls, tls or none, was 'sometimes'");
        foreach (var secret in Secrets) Assert.DoesNotContain(secret, result.Stderr + result.Stdout);
    }
}
