using System.Text.Json;
using Holler.Generation;
using Holler.Kafka;
using Holler.Tests.Support;

namespace Holler.Tests.EndToEnd;

/// <summary>
/// An error-share rule ("5xx share at least 20%, severity at least 4", added with the CLI) on a generated scenario: ten
/// minutes of traffic at a usual 2% of server errors, in which one busy business's share jumps to 40% for two minutes
/// (the generator's error burst). Its tracker scores the share of its last 60 s against its own usual share: the
/// business's error surge fires once and resolves once, signed, and no other business fires.
/// </summary>
public sealed class ErrorShareRuleEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_error_burst_fires_an_error_share_alert_once_and_resolves_it()
    {
        var token = TestContext.Current.CancellationToken;
        await using var receiver = await WebhookReceiver.StartAsync(AlertRules.Secret);
        using var broker = EmbeddedKafka.Start();
        using var data = new TempDir();
        await using var node = await TestNodes.StartAsync(TestNodes.Config(broker.BootstrapServers, data.Path, 100,
            o => AlertRules.WebhookTo(o, receiver.Url, groupWindowSeconds: 1)));
        var added = await OperatorCli.RunAsync(["alerts", "rules", "add", "Server errors", "--condition", "error-share",
            "--min-error-share", "20", "--min-severity", "4", "--channel", AlertRules.Channel,
            "--node", $"127.0.0.1:{node.Endpoints.OperatorPort}"]);
        Assert.True(added.ExitCode == 0, added.Stderr);

        // Ten minutes of event time ending a minute ago, replayed 20× faster than real time (30 s).
        var nowMinuteMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000;
        var plan = new GeneratorSettings
        {
            BusinessCount = 100,
            EventsPerSecond = 100,
            Seed = 23,
            StartMs = nowMinuteMs - 11 * 60_000,
            DurationMs = 10 * 60_000,
            SurgeEvery = TimeSpan.Zero,
            DailyRhythm = false,
            ErrorBurstEvery = TimeSpan.FromHours(1),
            FirstErrorBurstAfter = TimeSpan.FromMinutes(5),
            ErrorBurstDuration = TimeSpan.FromMinutes(2),
            ErrorBurstShare = 0.40,
        };
        var burst = new TrafficPlan(plan).ErrorBurst(0);
        var business = new TrafficPlan(plan).Catalog[burst.BusinessIndex].Id;
        var result = await TrafficGenerator.RunAsync(new GeneratorOptions
        {
            BootstrapServers = broker.BootstrapServers,
            Plan = plan,
            Speedup = 20,
        }, cancellationToken: token);
        Assert.Equal(0, result.Errors);

        var all = await Eventually.Until(() => Task.FromResult(Bodies(receiver)), bodies => bodies.Any(b => b.Transition == "resolved"),
            TimeSpan.FromMinutes(2), bodies => $"{bodies.Count} notifications, none resolved; {result.Sent} events sent");

        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid, $"signature of {r.Key} not valid"));
        var firing = Assert.Single(all, b => b.Transition == "firing");
        var resolved = Assert.Single(all, b => b.Transition == "resolved");
        Assert.Equal((business, "error_share"), (firing.BusinessId, firing.Kind));
        Assert.Equal(business, resolved.BusinessId);
        Assert.Equal(receiver.Requests.Count, receiver.Requests.Select(r => r.Key).Distinct().Count());
        // The share fired on is the burst's (40%, less whatever of the window still held usual traffic), never the usual 2%.
        Assert.InRange(firing.Ratio, 0.20, 0.60);
        Assert.InRange(firing.SinceMs, burst.StartMs, burst.StartMs + 60_000);
        output.WriteLine($"{result.Sent} events; {business} fired at {firing.Ratio:P1} 5xx, since {firing.SinceMs - burst.StartMs} ms into the burst");
    }

    private sealed record Listed(string Transition, string BusinessId, string Kind, double Ratio, long SinceMs);

    private static List<Listed> Bodies(WebhookReceiver receiver) => receiver.Requests.Where(r => r.Status == 200).SelectMany(r =>
    {
        using var json = JsonDocument.Parse(r.Body);
        var transition = json.RootElement.GetProperty("transition").GetString()!;
        return json.RootElement.GetProperty("businesses").EnumerateArray().Select(b => new Listed(transition, b.GetProperty("id").GetString()!,
            b.GetProperty("kind").GetString()!, b.GetProperty("ratio").GetDouble(), Since(b))).ToList();
    }).ToList();

    private static long Since(JsonElement business) =>
        business.TryGetProperty("since", out var since) && since.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(since.GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()
            : 0;
}
