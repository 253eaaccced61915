using Holler.Domain.Alerts;
using NodaTime;

namespace Holler.Tests.Domain.Alerts;

/// <summary>A book with a handful of known businesses, a clock in ms and shorthand for reports.</summary>
internal sealed class AlertBookFixture
{
    public const long Start = 1_750_000_000_000;

    public static readonly IReadOnlyDictionary<string, BusinessFacts> Businesses = new Dictionary<string, BusinessFacts>
    {
        ["biz-a"] = new("biz-a", "Cafe A", "Coffee", "Denver", "Denver", DateTimeZoneProviders.Tzdb["America/Denver"]),
        ["biz-b"] = new("biz-b", "Bar B", "Bars", "Boston", "Boston", DateTimeZoneProviders.Tzdb["America/New_York"]),
        ["biz-c"] = new("biz-c", "Cafe C", "Coffee", "Cambridge", "Boston", DateTimeZoneProviders.Tzdb["America/New_York"]),
    };

    public AlertBookFixture(AlertSettings? settings = null)
    {
        Settings = settings ?? AlertSettings.Default with
        {
            GroupWindow = TimeSpan.FromSeconds(30), GroupSize = 20, StaleAfter = TimeSpan.FromSeconds(60), PublicUrl = "https://holler.example",
        };
        Book = new AlertBook(Settings, Facts);
    }

    public AlertSettings Settings { get; }
    public AlertBook Book { get; }
    public List<IAlertEvent> Journal { get; } = [];
    public long Now { get; set; } = Start;

    public static BusinessFacts Facts(string id) => Businesses.TryGetValue(id, out var f) ? f : BusinessFacts.Unknown(id);

    public static AlertRule Rule(string id = "r1", RuleScope? scope = null, ConditionKind kind = ConditionKind.Surge, double minSeverity = 0,
        TimeSpan? minDuration = null, TimeSpan? renotify = null, QuietHours? quiet = null, string[]? channels = null) =>
        new(id, "Rule " + id, scope ?? RuleScope.All, new AlertCondition(kind, minSeverity), minDuration ?? TimeSpan.Zero,
            renotify ?? TimeSpan.Zero, quiet, channels ?? ["ops"], null, Start);

    public static SurgeSignal Surging(string id, double severity = 9, long sinceMs = Start - 5_000, bool drop = false) =>
        new(id, true, drop, severity, drop ? 0.2 : 4, drop ? 20 : 400, 100, sinceMs);

    public static SurgeSignal Ended(string id, long sinceMs = Start - 5_000) => new(id, false, false, 1, 1.1, 110, 100, sinceMs);

    public void Add(AlertRule rule)
    {
        var outcome = Book.AddRule(rule);
        Assert.True(outcome.Ok, outcome.Problem);
        Journal.AddRange(outcome.Events);
    }

    public IReadOnlyList<IAlertEvent> Observe(SurgeSignal signal) => Keep(Book.Observe(signal, Now));

    public IReadOnlyList<IAlertEvent> Tick() => Keep(Book.Tick(Now));

    public IReadOnlyList<IAlertEvent> Keep(IReadOnlyList<IAlertEvent> events)
    {
        Journal.AddRange(events);
        return events;
    }

    public void Advance(TimeSpan by) => Now += (long)by.TotalMilliseconds;

    public IReadOnlyList<Notification> Notifications => Journal.OfType<NotificationQueued>().Select(q => q.Notification).ToList();

    public Alert Only(AlertState? state = null) => Assert.Single(Book.Find(new AlertFilter(State: state)));
}
