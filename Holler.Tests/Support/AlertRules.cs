using System.Text.Json;
using Holler.Host.Configuration;
using Holler.Host.Node;
using Holler.Host.Operator.Api;

namespace Holler.Tests.Support;

/// <summary>Alerting as a user sets it up: a webhook channel in the node's settings, a rule added with the CLI.</summary>
public static class AlertRules
{
    public const string Channel = "hook";
    public const string Secret = "whsec_end_to_end";

    /// <summary>A webhook channel to <paramref name="url"/>, loopback allowed (the test's receiver), every business listed.</summary>
    public static void WebhookTo(HollerOptions options, string url, double groupWindowSeconds)
    {
        options.Alerts.AllowPrivateTargets = true;
        options.Alerts.GroupWindowSeconds = groupWindowSeconds;
        options.Alerts.GroupSize = 1000;
        options.Alerts.Channels[Channel] = new AlertChannelOptions
        {
            Kind = "webhook",
            Url = url,
            Secret = Secret,
            RatePerMinute = 6000,
        };
    }

    /// <summary><c>holler alerts rules add</c>: every business, every surge the detector reports, to the webhook.</summary>
    public static async Task<AlertRuleView> AddAllSurgesAsync(HollerNode node)
    {
        var result = await OperatorCli.RunAsync(["alerts", "rules", "add", "All surges", "--scope", "all", "--condition", "surge",
            "--min-severity", "0", "--channel", Channel, "--json", "--node", $"127.0.0.1:{node.Endpoints.OperatorPort}"]);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        return JsonSerializer.Deserialize<AlertRuleView>(result.Stdout, OperatorJson.Options)!;
    }
}
