using System.Text.Json;
using Akka.Actor;
using Holler.Alerts;
using Holler.Domain.Alerts;
using Holler.Domain.Surges;
using Holler.Host.Operator.Api;
using Holler.Leaderboard;
using Holler.Tests.Support;

namespace Holler.Tests.Operator;

/// <summary><c>holler alerts …</c> on a live two-node cluster: the alerts singleton lives on A (the oldest tracker node),
/// so commands sent to B reach it over the network.</summary>
[Collection(OperatorClusterCollection.Name)]
public sealed class AlertsCommandTests(OperatorCluster cluster)
{
    private string A => OperatorCluster.NodeArg(cluster.A);
    private string B => OperatorCluster.NodeArg(cluster.B);

    private static T Parse<T>(HollerProcess.Result result)
    {
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        return JsonSerializer.Deserialize<T>(result.Stdout, OperatorJson.Options)!;
    }

    [Fact]
    public async Task A_rule_added_with_the_cli_is_listed_shown_muted_and_removed()
    {
        var added = await HollerProcess.RunAsync(["alerts", "rules", "add", "Coffee surges", "--scope", "category:Coffee", "--min-severity", "8",
            "--min-duration", "2m", "--quiet-hours", "22:00-07:00", "--channel", "ops", "--channel", "pager", "--json", "--node", B]);
        var rule = Parse<AlertRuleView>(added);
        Assert.Equal(("coffee-surges", "Coffee surges", "category:Coffee", ConditionKind.Surge, 8.0, 120.0, "22:00-07:00"),
            (rule.Id, rule.Name, rule.Scope, rule.Condition, rule.MinSeverity, rule.MinDurationSeconds, rule.QuietHours));
        Assert.Equal(["ops", "pager"], rule.Channels);

        var list = await OperatorCli.RunAsync(["alerts", "rules", "list", "--node", A]);
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains("coffee-surges", list.Stdout);
        Assert.Contains("category:Coffee", list.Stdout);
        Assert.Contains("surge ≥ 8", list.Stdout);

        var muted = Parse<AlertRuleView>(await OperatorCli.RunAsync(["alerts", "rules", "mute", "coffee-surges", "--for", "1h", "--json", "--node", A]));
        Assert.InRange(muted.MutedUntil!.Value, DateTimeOffset.UtcNow.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));
        var shown = await OperatorCli.RunAsync(["alerts", "rules", "show", "coffee-surges", "--node", B]);
        Assert.Contains("muted until", shown.Stdout);
        Assert.Null(Parse<AlertRuleView>(await OperatorCli.RunAsync(["alerts", "rules", "unmute", "coffee-surges", "--json", "--node", B])).MutedUntil);

        var removed = await OperatorCli.RunAsync(["alerts", "rules", "rm", "coffee-surges", "--node", B]);
        Assert.Equal((0, "Removed rule coffee-surges."), (removed.ExitCode, removed.Stdout.Trim()));
        var after = Parse<AlertRulesView>(await OperatorCli.RunAsync(["alerts", "rules", "list", "--json", "--node", A]));
        Assert.DoesNotContain(after.Rules, r => r.Id == "coffee-surges");
    }

    [Fact]
    public async Task Rate_and_error_share_rules_are_added_with_their_figures()
    {
        var rate = Parse<AlertRuleView>(await HollerProcess.RunAsync(["alerts", "rules", "add", "Orders flood", "--condition", "rate",
            "--min-events", "500", "--window", "30s", "--channel", "ops", "--json", "--node", B]));
        Assert.Equal((ConditionKind.Rate, 500, 30), (rate.Condition, rate.MinEvents, rate.WindowSeconds));
        var errors = Parse<AlertRuleView>(await HollerProcess.RunAsync(["alerts", "rules", "add", "Errors", "--condition", "error-share",
            "--min-error-share", "25", "--min-severity", "4", "--channel", "ops", "--json", "--node", B]));
        Assert.Equal((ConditionKind.ErrorShare, 25.0, 4.0), (errors.Condition, errors.MinErrorShare, errors.MinSeverity));

        var list = await OperatorCli.RunAsync(["alerts", "rules", "list", "--node", A]);
        Assert.Contains("rate ≥ 500 events in 30 s", list.Stdout);
        Assert.Contains("error share ≥ 25%, severity ≥ 4", list.Stdout);
    }

    [Theory]
    [InlineData("min-duration: 'soon' is not a duration", "alerts", "rules", "add", "x", "--channel", "ops", "--min-duration", "soon")]
    [InlineData("scope: 'planet:Mars' is not a scope", "alerts", "rules", "add", "x", "--channel", "ops", "--scope", "planet:Mars")]
    [InlineData("condition: 'often' is not surge, drop, rate or error-share", "alerts", "rules", "add", "x", "--channel", "ops", "--condition", "often")]
    [InlineData("min-events: a rate rule needs the number of events", "alerts", "rules", "add", "x", "--channel", "ops", "--condition", "rate", "--window", "30s")]
    [InlineData("a rate rule's window must be 1–60 seconds, was 120", "alerts", "rules", "add", "x", "--channel", "ops", "--condition", "rate", "--min-events", "5", "--window", "2m")]
    [InlineData("min-error-share: an error-share rule needs the 5xx share", "alerts", "rules", "add", "x", "--channel", "ops", "--condition", "error-share")]
    [InlineData("quiet-hours: '22-7' is not quiet hours", "alerts", "rules", "add", "x", "--channel", "ops", "--quiet-hours", "22-7")]
    [InlineData("no rule 'no-such-rule'", "alerts", "rules", "mute", "no-such-rule", "--for", "1h")]
    [InlineData("no rule 'no-such-rule'", "alerts", "rules", "show", "no-such-rule")]
    [InlineData("for: 'banana' is not a duration", "alerts", "snooze", "--business", "biz", "--for", "banana")]
    [InlineData("no alert 'a-none'", "alerts", "ack", "a-none")]
    [InlineData("Option '--channel' is required", "alerts", "rules", "add", "x")]
    public async Task Bad_input_is_one_line_naming_the_problem_and_exit_code_2(string problem, params string[] args)
    {
        var result = await OperatorCli.RunAsync([.. args, "--node", B]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(problem, result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_surge_makes_an_alert_people_can_list_acknowledge_snooze_and_mark_not_real()
    {
        var business = cluster.A.Catalog[11];
        Parse<AlertRuleView>(await OperatorCli.RunAsync(["alerts", "rules", "add", "One business", "--id", "one-business",
            "--scope", $"business:{business.Id}", "--channel", "ops", "--json", "--node", A]));
        // What a tracker sends while the business surges, straight to the singleton (the trackers' path is tested apart).
        var since = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds();
        cluster.B.Registry.Get<AlertsActor>().Tell(new SurgeChanged(business.Id, true,
            new LeaderboardEntry(business.Id, 9.5, 600, 100, 6, since, 0)));

        var listed = await Eventually.Until(
            async () => Parse<AlertListView>(await OperatorCli.RunAsync(["alerts", "list", "--rule", "one-business", "--state", "firing", "--json", "--node", B])),
            view => view.Alerts.Count == 1, TimeSpan.FromSeconds(30), view => $"{view.Alerts.Count} firing alerts");
        var alert = listed.Alerts[0];
        Assert.Equal((business.Id, business.Name, business.City, "surge", 9.5), (alert.BusinessId, alert.Name, alert.City, alert.Episode, alert.PeakSeverity));

        var ack = await HollerProcess.RunAsync(["alerts", "ack", alert.Id, "--by", "ana", "--node", B]);
        Assert.Equal((0, $"Acknowledged {alert.Id} ({business.Name})."), (ack.ExitCode, ack.Stdout.Trim()));
        var snooze = await HollerProcess.RunAsync(["alerts", "snooze", alert.Id, "--for", "2h", "--node", A]);
        Assert.True(snooze.ExitCode == 0, snooze.Stderr);
        var notReal = await OperatorCli.RunAsync(["alerts", "not-real", alert.Id, "--note", "a crawler", "--by", "ana", "--node", A]);
        Assert.True(notReal.ExitCode == 0, notReal.Stderr);

        var shown = Parse<AlertView>(await OperatorCli.RunAsync(["alerts", "show", alert.Id, "--json", "--node", B]));
        Assert.Equal((AlertState.Acknowledged, "ana", "a crawler"), (shown.State, shown.AcknowledgedBy, shown.NotReal!.Note));
        var rules = Parse<AlertRulesView>(await OperatorCli.RunAsync(["alerts", "rules", "list", "--json", "--node", B]));
        var snoozed = Assert.Single(rules.Snoozes, s => s.Business == business.Id);
        Assert.Equal("one-business", snoozed.Rule);
        var human = await OperatorCli.RunAsync(["alerts", "list", "--business", business.Id, "--node", A]);
        Assert.Contains(alert.Id, human.Stdout);
        Assert.Contains("acknowledged", human.Stdout);
        Assert.Contains("not real", human.Stdout);
        // Acknowledging twice is refused: only a firing alert can be.
        var again = await OperatorCli.RunAsync(["alerts", "ack", alert.Id, "--node", A]);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("only a firing alert", again.Stderr);
    }

    [Fact]
    public async Task A_notification_its_receiver_refuses_is_dead_lettered_listed_by_the_cli_and_counted_in_metrics()
    {
        var token = TestContext.Current.CancellationToken;
        var business = cluster.A.Catalog[23];
        // The receiver behind 'pager' answers 410 Gone: the outbox dead-letters the firing after one attempt.
        Parse<AlertRuleView>(await OperatorCli.RunAsync(["alerts", "rules", "add", "Dead end", "--id", "dead-end",
            "--scope", $"business:{business.Id}", "--channel", "pager", "--json", "--node", A]));
        var since = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds();
        cluster.B.Registry.Get<AlertsActor>().Tell(new SurgeChanged(business.Id, true,
            new LeaderboardEntry(business.Id, 9.5, 600, 100, 6, since, 0)));

        // Asked on B: the query crosses to the singleton on A, which hands it to its outbox. The firing waits out the
        // grouping window (30 s) first.
        var view = await Eventually.Until(
            async () => Parse<DeadLettersView>(await OperatorCli.RunAsync(["alerts", "dead-letters", "--json", "--node", B])),
            v => v.DeadLetters.Any(d => d.RuleId == "dead-end"), TimeSpan.FromSeconds(90), v => $"{v.DeadLetters.Count} dead letters");
        var letter = Assert.Single(view.DeadLetters, d => d.RuleId == "dead-end");
        Assert.Equal(("firing", "pager", 1, $"{letter.AlertId}.firing"), (letter.Transition, letter.Channel, letter.Attempts, letter.Key));
        Assert.Equal([business.Id], letter.Businesses);
        Assert.Contains("410", letter.Reason);
        Assert.Contains(cluster.Receiver.Requests, r => r.Key == letter.Key && r.SignatureValid);
        Assert.True(view.DeadLettered >= 1);

        var human = await OperatorCli.RunAsync(["alerts", "dead-letters", "--node", A]);
        Assert.True(human.ExitCode == 0, human.Stderr);
        Assert.Contains(letter.Key, human.Stdout);
        Assert.Contains("dead-lettered since the outbox began", human.Stdout);

        // Counted on A, the node that holds the singleton and its outbox.
        using var http = new HttpClient { BaseAddress = cluster.A.Endpoints.OperatorUrl };
        var metrics = await http.GetStringAsync("/metrics", token);
        Assert.True(Sample(metrics, "holler_alert_notifications_total{channel=\"pager\",outcome=\"dead_lettered\"}") >= 1, metrics);
        Assert.True(Sample(metrics, "holler_alerts_fired_total") >= 1, metrics);
        Assert.Contains("holler_alerts_resolved_total ", metrics);
    }

    [Fact]
    public async Task Dead_letters_with_a_bad_limit_is_one_line_and_exit_code_2()
    {
        var result = await OperatorCli.RunAsync(["alerts", "dead-letters", "--limit", "0", "--node", B]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("limit: '0' is not a number from 1 to 10000", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    /// <summary>The value of one sample in Prometheus text format, or -1 when it is missing.</summary>
    private static double Sample(string metrics, string series)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? -1 : double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
