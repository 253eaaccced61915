using System.Text.Json;
using Akka.Serialization;
using Holler.Alerts;
using Holler.Domain.Alerts;
using Holler.Serialization;
using NodaTime;

namespace Holler.Tests.Serialization;

/// <summary>Every alerts message and journal event is bound to <see cref="HollerSerializer"/> and comes back field for field.</summary>
public sealed class AlertsCodecsTests(ITestOutputHelper output)
    : Akka.Hosting.TestKit.TestKit(nameof(AlertsCodecsTests), output, startupTimeout: TimeSpan.FromSeconds(30))
{
    protected override void ConfigureAkka(Akka.Hosting.AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.AddHollerSerialization();

    private static readonly AlertedBusiness Business = new("biz-ü", "Café Ü", "Coffee", null, true, 9.25, 0.25, 12, 48.5, 1_750_000_000_000,
        "https://holler.example/business/biz-%C3%BC");

    private static readonly AlertRule Rule = new("r-1", "Coffee drops", new RuleScope(RuleScopeKind.Category, ["Coffee", "Tea"]),
        new AlertCondition(ConditionKind.Drop, 7.5), TimeSpan.FromMinutes(2), TimeSpan.FromHours(1),
        new QuietHours(new LocalTime(22, 0), new LocalTime(7, 30)), ["ops", "pager"], 1_750_000_100_000, 1_749_000_000_000);

    private static readonly AlertRule Plain = Rule with { Scope = RuleScope.All, QuietHours = null, MutedUntilMs = null };

    private static readonly Notification Note = new("a7", AlertTransition.Resolved, "r-1", "Coffee drops", [Business, Business with { City = "Boston" }],
        3, 1_750_000_200_000, ["ops"]);

    private static Alert SampleAlert(bool full) => new()
    {
        Id = "a7", RuleId = "r-1", BusinessId = "biz-ü", State = full ? AlertState.Acknowledged : AlertState.Pending, OpenedMs = 1,
        FiredMs = full ? 2 : null, AcknowledgedMs = full ? 3 : null, AcknowledgedBy = full ? "ana" : null, ResolvedMs = null,
        ResolveReason = full ? "ended" : null, PeakSeverity = 11.5, Business = Business, Notify = full, NotifyEligibleMs = full ? 4 : null,
        FiringNotified = full, ResolveNotified = false, LastNotifiedMs = 5, Reminders = 2,
        Feedback = full ? new AlertFeedback(6, "bo", "a bot") : null,
    };

    public static TheoryData<string> Names() => new(Samples().Keys.ToArray());

    private static Dictionary<string, object> Samples() => new()
    {
        ["RuleAdded"] = new RuleAdded(Rule),
        ["RuleAdded plain"] = new RuleAdded(Plain),
        ["RuleAdded rate"] = new RuleAdded(Plain with { Condition = AlertCondition.Rate(500, 30) }),
        ["RuleAdded error share"] = new RuleAdded(Plain with { Condition = AlertCondition.ErrorShare(0.25, 4) }),
        ["AlertOpened rate"] = new AlertOpened("a8", "r-1", Business with { Drop = false, Kind = SignalKind.Rate, WindowSeconds = 30 }, 12),
        ["AlertFired error share"] = new AlertFired("a9", 13, Business with { Drop = false, Kind = SignalKind.ErrorShare, Ratio = 0.4, Expected = 0.05 }, true),
        [nameof(AlertWatchesUpdated)] = new AlertWatchesUpdated([new RateWatch(5, 50), new RateWatch(30, 200)]),
        [nameof(RateChanged)] = new RateChanged("biz-ü", true, 30, 612, 41.5, 1_750_000_000_000),
        [nameof(RuleRemoved)] = new RuleRemoved("r-1", 9),
        [nameof(RuleMuted)] = new RuleMuted("r-1", 10),
        ["RuleMuted off"] = new RuleMuted("r-1", null),
        [nameof(BusinessSnoozed)] = new BusinessSnoozed(null, "biz-ü", 11),
        [nameof(AlertOpened)] = new AlertOpened("a7", "r-1", Business, 12),
        [nameof(AlertFired)] = new AlertFired("a7", 13, Business, true),
        [nameof(AlertReleased)] = new AlertReleased("a7", 14),
        [nameof(AlertAcknowledged)] = new AlertAcknowledged("a7", 15, "ana"),
        [nameof(AlertResolved)] = new AlertResolved("a7", 16, "ended", Business, 12.5),
        [nameof(AlertMarkedNotReal)] = new AlertMarkedNotReal("a7", new AlertFeedback(17, "ana", "")),
        [nameof(NotificationQueued)] = new NotificationQueued(Note, NotificationKind.Reminder, ["a7", "a8"], 18),
        [nameof(NotificationConfirmed)] = new NotificationConfirmed("a7.firing"),
        [nameof(AlertBookState)] = new AlertBookState([Rule, Plain], [new Snooze("r-1", "b", 1), new Snooze(null, "c", 2)],
            [SampleAlert(true), SampleAlert(false)], 42, [new QueuedNotification(Note, 19)]),
        [nameof(AddAlertRule)] = new AddAlertRule(Rule),
        [nameof(RemoveAlertRule)] = new RemoveAlertRule("r-1"),
        [nameof(MuteAlertRule)] = new MuteAlertRule("r-1", null),
        [nameof(SnoozeBusiness)] = new SnoozeBusiness("r-1", "biz-ü", 20),
        [nameof(SnoozeAlert)] = new SnoozeAlert("a7", 21),
        [nameof(AcknowledgeAlert)] = new AcknowledgeAlert("a7", "ana"),
        [nameof(MarkAlertNotReal)] = new MarkAlertNotReal("a7", "ana", "bot"),
        [nameof(GetAlertRules)] = GetAlertRules.Instance,
        [nameof(AlertRulesReply)] = new AlertRulesReply([Rule], [new Snooze(null, "c", 2)]),
        [nameof(GetAlerts)] = new GetAlerts(new AlertFilter("r-1", null, AlertState.Resolved, 22, 50)),
        ["GetAlerts empty"] = new GetAlerts(new AlertFilter()),
        [nameof(AlertListReply)] = new AlertListReply([SampleAlert(true), SampleAlert(false)]),
        [nameof(GetAlert)] = new GetAlert("a7"),
        [nameof(AlertsReply)] = new AlertsReply(AlertsReplyStatus.Ok, null, Rule, SampleAlert(true)),
        ["AlertsReply refused"] = new AlertsReply(AlertsReplyStatus.Refused, "no rule 'x'", null, null),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Round_trips_field_for_field_through_HollerSerializer(string name)
    {
        var original = Samples()[name];
        var serializer = Assert.IsType<HollerSerializer>(Sys.Serialization.FindSerializerFor(original));
        var manifest = serializer.Manifest(original);

        var copy = serializer.FromBinary(serializer.ToBinary(original), manifest);

        Assert.Equal(original.GetType(), copy.GetType());
        // Lists inside records compare by reference: compare what every public property holds instead.
        Assert.Equal(JsonSerializer.Serialize(original, original.GetType()), JsonSerializer.Serialize(copy, copy.GetType()));
    }

    [Fact]
    public void The_samples_cover_every_alerts_manifest()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(new GetAlert("x"));
        var covered = Samples().Values.Select(serializer.Manifest).ToHashSet();

        Assert.Equal(AlertsCodecs.All.Select(c => c.Manifest).Order(), covered.Order());
    }
}
