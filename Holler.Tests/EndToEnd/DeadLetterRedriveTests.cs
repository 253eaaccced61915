using System.Text.Json;
using Akka.Actor;
using Holler.Alerts;
using Holler.Host.Operator.Api;
using Holler.Leaderboard;
using Holler.Domain.Surges;
using Holler.Tests.Support;

namespace Holler.Tests.EndToEnd;

/// <summary>
/// Dead letters and re-drive as an operator meets them: a real receiver (Kestrel) refuses, a short retry period
/// (<c>Alerts:RetryFor</c>) dead-letters the surge's firing notification, <c>holler alerts dead-letters</c> lists it
/// with its reason, and once the receiver answers <c>holler alerts dead-letters redrive ID</c> sends it again: it
/// arrives exactly once more, with the same Idempotency-Key and a valid signature, and the list is empty after.
/// </summary>
public sealed class DeadLetterRedriveTests(ITestOutputHelper output)
{
    private const string Token = "operator-token-for-redrive";

    [Fact]
    public async Task A_dead_lettered_notification_is_redriven_with_the_cli_and_arrives_once_more_with_its_key()
    {
        await using var receiver = await WebhookReceiver.StartAsync(AlertRules.Secret);
        receiver.Status = 503;
        using var data = new TempDir();
        await using var node = await TestNodes.StartAsync(TestNodes.Config("127.0.0.1:9", data.Path, businesses: 50, o =>
        {
            o.Roles = "tracker,leaderboard";
            o.Operator.Token = Token;
            AlertRules.WebhookTo(o, receiver.Url, groupWindowSeconds: 1);
            o.Alerts.RetryFor = "3s";
            o.Alerts.RetryFirst = "1s";
            o.Alerts.RetryMax = "1s";
        }));
        var at = $"127.0.0.1:{node.Endpoints.OperatorPort}";
        Task<HollerProcess.Result> Cli(params string[] args) => OperatorCli.RunAsync([.. args, "--node", at, "--token", Token]);

        var business = node.Catalog[7];
        var added = await Cli("alerts", "rules", "add", "Refused", "--id", "refused", "--scope", $"business:{business.Id}", "--channel", AlertRules.Channel);
        Assert.True(added.ExitCode == 0, added.Stderr);
        var since = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds();
        node.Registry.Get<AlertsActor>().Tell(new SurgeChanged(business.Id, true, new LeaderboardEntry(business.Id, 9.5, 600, 100, 6, since, 0)));

        // Retried for 3 s against the 503s, then dead-lettered with the reason.
        var view = await Eventually.Until(
            async () => JsonSerializer.Deserialize<DeadLettersView>((await Cli("alerts", "dead-letters", "list", "--json")).Stdout, OperatorJson.Options)!,
            v => v.DeadLetters.Count > 0, TimeSpan.FromSeconds(90), v => $"{receiver.Arrived} attempts, {v.PendingDeliveries} pending, no dead letter yet");
        var letter = Assert.Single(view.DeadLetters);
        Assert.Equal(("refused", AlertRules.Channel, "firing"), (letter.RuleId, letter.Channel, letter.Transition));
        Assert.StartsWith("gave up after", letter.Reason);
        Assert.Contains("HTTP 503", letter.Reason);
        var refusedAttempts = receiver.Arrived;
        Assert.True(refusedAttempts >= 2, $"{refusedAttempts} attempts within the retry period");
        Assert.All(receiver.Requests, r => Assert.Equal(letter.Key, r.Key));
        output.WriteLine($"dead letter {letter.Id} ({letter.Key}) after {refusedAttempts} attempts: {letter.Reason}");

        var shown = await Cli("alerts", "dead-letters", "show", letter.Id);
        Assert.True(shown.ExitCode == 0, shown.Stderr);
        Assert.Contains(letter.Key, shown.Stdout);
        Assert.Contains("HTTP 503", shown.Stdout);

        // Naming a dead letter that is not there: one line, exit code 2, nothing sent.
        var unknown = await Cli("alerts", "dead-letters", "redrive", "ffffffffffff");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("holler: no dead letter 'ffffffffffff'", unknown.Stderr.Trim());
        // Without the operator token the node refuses the re-drive.
        var anonymous = await OperatorCli.RunAsync(["alerts", "dead-letters", "redrive", letter.Id, "--node", at]);
        Assert.Equal(4, anonymous.ExitCode);
        Assert.Equal(refusedAttempts, receiver.Arrived);

        receiver.Status = 200;
        var redriven = await Cli("alerts", "dead-letters", "redrive", letter.Id);
        Assert.True(redriven.ExitCode == 0, redriven.Stderr);
        Assert.Contains($"Re-driven {letter.Id}: {letter.Key} to {AlertRules.Channel}.", redriven.Stdout);

        await Eventually.Until(() => Task.FromResult(receiver.Accepted.Count), n => n > 0, TimeSpan.FromSeconds(60), n => $"{n} accepted");
        var after = await Eventually.Until(
            async () => JsonSerializer.Deserialize<DeadLettersView>((await Cli("alerts", "dead-letters", "--json")).Stdout, OperatorJson.Options)!,
            v => v.PendingDeliveries == 0, TimeSpan.FromSeconds(30), v => $"{v.PendingDeliveries} pending");
        Assert.Empty(after.DeadLetters);
        Assert.Equal(1, after.DeadLettered);
        var arrivedAgain = receiver.Requests.Skip(refusedAttempts).ToList();
        var again = Assert.Single(arrivedAgain);
        Assert.Equal((letter.Key, 200), (again.Key, again.Status));
        Assert.True(again.SignatureValid, "the re-driven request's Holler-Signature verifies with the channel's secret");
        Assert.Equal(receiver.Requests[0].Body, again.Body);

        using var http = new HttpClient { BaseAddress = node.Endpoints.OperatorUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        var metrics = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Contains($"holler_alert_notifications_total{{channel=\"{AlertRules.Channel}\",outcome=\"redriven\"}} 1", metrics);
    }
}
