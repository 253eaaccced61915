using Akka.Actor;
using Akka.TestKit;
using Holler.Alerts;
using Holler.Alerts.Delivery;
using Holler.Domain.Alerts;
using Holler.Domain.Surges;
using Holler.Leaderboard;
using Holler.Tests.Support;

namespace Holler.Tests.Actors;

/// <summary>The alerts singleton on a real journal (SQLite): what it persists, what it hands to delivery, and what a
/// restart keeps.</summary>
public sealed class AlertsActorTests(ITestOutputHelper output) : SqliteTestKit(nameof(AlertsActorTests), output)
{
    private const long SinceMs = 1_750_000_000_000;

    /// <summary>Longer than several ticks and group windows: what has not been handed to delivery by then is not going to be.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(800);

    private static readonly AlertSettings Settings = AlertSettings.Default with
    {
        GroupWindow = TimeSpan.FromMilliseconds(200),
        Tick = TimeSpan.FromMilliseconds(50),
        StaleAfter = TimeSpan.FromHours(1),
        // Only a restart hands a notification over again in these tests.
        ResendAfter = TimeSpan.FromHours(1),
        SnapshotEvery = 5,
    };

    private TestProbe _delivery = null!;

    protected override Task BeforeTestStart()
    {
        _delivery = CreateTestProbe("delivery");
        return Task.CompletedTask;
    }

    private IActorRef Start() => Sys.ActorOf(AlertsActor.PropsFor(Settings, BusinessFacts.Unknown, delivery: _delivery.Ref));

    private void Restart(ref IActorRef alerts)
    {
        StopAndAwait(alerts, PoisonPill.Instance);
        alerts = Start();
    }

    private static SurgeChanged Surging(string id, double score = 9) =>
        new(id, true, new LeaderboardEntry(id, score, 400, 100, 4, SinceMs, 0));

    private static SurgeChanged Ended(string id) => new(id, false, new LeaderboardEntry(id, 1, 110, 100, 1.1, SinceMs, 0));

    private AlertsReply Ask(IActorRef alerts, IAlertsProtocol command)
    {
        alerts.Tell(command, TestActor);
        return ExpectMsg<AlertsReply>(Long);
    }

    private AlertRule AddRule(IActorRef alerts, string id = "all-surges", params string[] channels)
    {
        var rule = new AlertRule(id, "All surges", RuleScope.All, new AlertCondition(ConditionKind.Surge, 0), TimeSpan.Zero, TimeSpan.Zero,
            null, channels.Length == 0 ? ["ops"] : channels, null, 0);
        var reply = Ask(alerts, new AddAlertRule(rule));
        Assert.Equal(AlertsReplyStatus.Ok, reply.Status);
        return reply.Rule!;
    }

    private IReadOnlyList<Alert> Alerts(IActorRef alerts, AlertFilter? filter = null)
    {
        alerts.Tell(new GetAlerts(filter ?? new AlertFilter()), TestActor);
        return ExpectMsg<AlertListReply>(Long).Alerts;
    }

    private Notification ExpectDelivery(bool accept = true)
    {
        var deliver = _delivery.ExpectMsg<DeliverNotification>(Long, cancellationToken: Ct);
        if (accept) _delivery.Reply(new NotificationAccepted(deliver.Notification.IdempotencyKey));
        return deliver.Notification;
    }

    [Fact]
    public void Rules_survive_a_restart_of_the_actor_through_the_journal_and_snapshots()
    {
        var alerts = Start();
        AddRule(alerts, "r1");
        AddRule(alerts, "r2");
        Assert.Equal(AlertsReplyStatus.Ok, Ask(alerts, new MuteAlertRule("r2", SinceMs * 2)).Status);
        for (var i = 3; i <= 8; i++) AddRule(alerts, $"r{i}");
        Assert.Equal(AlertsReplyStatus.Ok, Ask(alerts, new RemoveAlertRule("r8")).Status);

        Restart(ref alerts);

        alerts.Tell(GetAlertRules.Instance, TestActor);
        var rules = ExpectMsg<AlertRulesReply>(Long, cancellationToken: Ct).Rules;
        Assert.Equal(["r1", "r2", "r3", "r4", "r5", "r6", "r7"], rules.Select(r => r.Id));
        Assert.Equal(SinceMs * 2, rules.Single(r => r.Id == "r2").MutedUntilMs);
        Assert.NotNull(ReadSnapshot(AlertsActor.PersistenceIdValue));
    }

    [Fact]
    public void A_surge_reported_every_second_makes_exactly_one_firing_and_one_resolve_notification()
    {
        var alerts = Start();
        AddRule(alerts, channels: ["ops", "pager"]);

        for (var i = 0; i < 20; i++) alerts.Tell(Surging("biz-a", 8 + i % 3));
        var firing = ExpectDelivery();
        Assert.Equal((AlertTransition.Firing, "all-surges"), (firing.Transition, firing.RuleId));
        Assert.Equal(["ops", "pager"], firing.Channels);
        Assert.Equal("biz-a", Assert.Single(firing.Businesses).BusinessId);
        for (var i = 0; i < 5; i++) alerts.Tell(Surging("biz-a"));
        _delivery.ExpectNoMsg(Quiet, Ct);

        alerts.Tell(Ended("biz-a"));
        var resolved = ExpectDelivery();
        Assert.Equal(AlertTransition.Resolved, resolved.Transition);
        Assert.Equal(firing.AlertId, resolved.AlertId);
        _delivery.ExpectNoMsg(Quiet, Ct);
        Assert.Equal(AlertState.Resolved, Assert.Single(Alerts(alerts)).State);
    }

    [Fact]
    public void Businesses_firing_together_make_one_notification()
    {
        var alerts = Start();
        AddRule(alerts);

        alerts.Tell(Surging("biz-a", 8));
        alerts.Tell(Surging("biz-b", 12));
        alerts.Tell(Surging("biz-c", 10));

        var n = ExpectDelivery();
        Assert.Equal(["biz-b", "biz-c", "biz-a"], n.Businesses.Select(b => b.BusinessId));
        _delivery.ExpectNoMsg(Quiet, Ct);
    }

    [Fact]
    public void A_muted_rule_notifies_nobody_but_keeps_the_alert()
    {
        var alerts = Start();
        AddRule(alerts);
        Assert.Equal(AlertsReplyStatus.Ok, Ask(alerts, new MuteAlertRule("all-surges", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds())).Status);

        alerts.Tell(Surging("biz-a"));
        _delivery.ExpectNoMsg(Quiet, Ct);

        var alert = Assert.Single(Alerts(alerts));
        Assert.Equal((AlertState.Firing, false), (alert.State, alert.FiringNotified));
    }

    [Fact]
    public void Acknowledging_answers_with_the_acknowledged_alert_and_refuses_unknown_ids()
    {
        var alerts = Start();
        AddRule(alerts);
        alerts.Tell(Surging("biz-a"));
        ExpectDelivery();
        var id = Assert.Single(Alerts(alerts)).Id;

        var ack = Ask(alerts, new AcknowledgeAlert(id, "ana"));
        Assert.Equal((AlertsReplyStatus.Ok, AlertState.Acknowledged, "ana"), (ack.Status, ack.Alert!.State, ack.Alert.AcknowledgedBy));
        var again = Ask(alerts, new AcknowledgeAlert(id, "ana"));
        Assert.Equal(AlertsReplyStatus.Refused, again.Status);
        Assert.Equal(AlertsReplyStatus.NotFound, Ask(alerts, new AcknowledgeAlert("a404", "ana")).Status);

        var notReal = Ask(alerts, new MarkAlertNotReal(id, "ana", "a crawler"));
        Assert.Equal("a crawler", notReal.Alert!.Feedback!.Note);
        Restart(ref alerts);
        var kept = Assert.Single(Alerts(alerts));
        Assert.Equal((AlertState.Acknowledged, "a crawler"), (kept.State, kept.Feedback!.Note));
    }

    [Fact]
    public void A_notification_not_accepted_is_handed_over_again_after_each_restart_until_it_is()
    {
        var alerts = Start();
        AddRule(alerts);
        alerts.Tell(Surging("biz-a"));
        var first = ExpectDelivery(accept: false);

        Restart(ref alerts);
        var again = ExpectDelivery(accept: false);
        Assert.Equal(first.IdempotencyKey, again.IdempotencyKey);

        Restart(ref alerts);
        Assert.Equal(first.IdempotencyKey, ExpectDelivery(accept: true).IdempotencyKey);
        // Accepted is journalled: the next incarnation has nothing to hand over, and the surge goes on as the same alert.
        Alerts(alerts);
        Restart(ref alerts);
        alerts.Tell(Surging("biz-a"));
        _delivery.ExpectNoMsg(Quiet, Ct);
        Assert.Single(Alerts(alerts));
    }

    [Fact]
    public void A_firing_alert_whose_business_is_never_reported_again_resolves_after_the_stale_period()
    {
        var alerts = Sys.ActorOf(AlertsActor.PropsFor(Settings with { StaleAfter = TimeSpan.FromSeconds(1) }, BusinessFacts.Unknown,
            delivery: _delivery.Ref));
        AddRule(alerts);
        alerts.Tell(Surging("biz-a"));
        Assert.Equal(AlertTransition.Firing, ExpectDelivery().Transition);

        var resolved = ExpectDelivery();
        Assert.Equal(AlertTransition.Resolved, resolved.Transition);
        Assert.StartsWith("no report", Assert.Single(Alerts(alerts)).ResolveReason);
    }
}
