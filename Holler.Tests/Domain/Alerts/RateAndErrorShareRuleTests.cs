using Holler.Domain.Alerts;
using static Holler.Tests.Domain.Alerts.AlertBookFixture;

namespace Holler.Tests.Domain.Alerts;

public sealed class RateAndErrorShareRuleTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private static AlertRule RateRule(string id = "orders", int minEvents = 500, int seconds = 30) =>
        Rule(id) with { Condition = AlertCondition.Rate(minEvents, seconds) };

    private static AlertRule ErrorRule(string id = "errors", double share = 0.2, double severity = 4) =>
        Rule(id) with { Condition = AlertCondition.ErrorShare(share, severity) };

    private static SurgeSignal Rate(string id, long count, bool over = true, int seconds = 30, long sinceMs = Start - 2_000) =>
        new(id, over, false, 0, count / 50.0, count, 50, sinceMs, SignalKind.Rate, seconds);

    private static SurgeSignal Errors(string id, double share, double severity, bool active = true) =>
        new(id, active, false, severity, share, 300, 0.04, Start - 3_000, SignalKind.ErrorShare);

    [Fact]
    public void A_rate_rule_fires_at_its_count_and_resolves_when_the_count_falls_back()
    {
        var f = new AlertBookFixture();
        f.Add(RateRule());

        f.Observe(Rate("biz-a", 612));
        f.Advance(Window);
        f.Tick();
        f.Observe(Rate("biz-a", 480));
        f.Advance(Window);
        f.Tick();

        Assert.Equal([AlertTransition.Firing, AlertTransition.Resolved], f.Notifications.Select(n => n.Transition));
        var alert = f.Only(AlertState.Resolved);
        Assert.Equal("condition no longer holds", alert.ResolveReason);
        var fired = f.Notifications[0].Businesses.Single();
        Assert.Equal((SignalKind.Rate, 30, 612L), (fired.Kind, fired.WindowSeconds, fired.WindowCount));
        Assert.StartsWith("rate since", NotificationText.Figures(fired));
        Assert.Contains("612 events in 30 s", NotificationText.Figures(fired));
    }

    [Fact]
    public void A_rate_rule_reads_only_reports_of_its_own_window_and_kind()
    {
        var f = new AlertBookFixture();
        f.Add(RateRule(seconds: 30));

        f.Observe(Rate("biz-a", 900, seconds: 10));
        f.Observe(Surging("biz-a", severity: 50));
        f.Observe(Rate("biz-b", 499));

        Assert.Empty(f.Book.Find(new AlertFilter()));
    }

    [Fact]
    public void A_surge_rule_ignores_rate_reports_and_a_rate_report_does_not_end_a_surge_alert()
    {
        var f = new AlertBookFixture();
        f.Add(Rule());
        f.Observe(Surging("biz-a"));
        f.Observe(Rate("biz-a", 10, over: false));
        f.Advance(Window);
        f.Tick();

        Assert.Equal(AlertState.Firing, f.Only().State);
        Assert.Equal([AlertTransition.Firing], f.Notifications.Select(n => n.Transition));
    }

    [Fact]
    public void An_error_share_rule_needs_both_the_share_and_the_severity()
    {
        var f = new AlertBookFixture();
        f.Add(ErrorRule(share: 0.2, severity: 4));

        f.Observe(Errors("biz-a", share: 0.35, severity: 2));
        f.Observe(Errors("biz-b", share: 0.1, severity: 9));
        f.Observe(Errors("biz-c", share: 0.4, severity: 8));
        f.Advance(Window);
        f.Tick();

        var alert = f.Only();
        Assert.Equal(("biz-c", AlertState.Firing), (alert.BusinessId, alert.State));
        var b = f.Notifications.Single().Businesses.Single();
        Assert.Equal("error_share", NotificationText.KindName(b));
        Assert.Contains("40% of 300 events in 60 s were 5xx, usually 4%", NotificationText.Figures(b));
    }

    [Fact]
    public void An_error_share_alert_resolves_when_the_share_falls_below_the_rule()
    {
        var f = new AlertBookFixture();
        f.Add(ErrorRule(share: 0.2, severity: 4));
        f.Observe(Errors("biz-a", share: 0.4, severity: 8));
        f.Observe(Errors("biz-a", share: 0.12, severity: 5));

        Assert.Equal("condition no longer holds", f.Only(AlertState.Resolved).ResolveReason);
    }

    [Theory]
    [InlineData(0, 30, "min-events between 1")]
    [InlineData(10, 0, "window must be 1–60 seconds")]
    [InlineData(10, 61, "window must be 1–60 seconds")]
    public void A_rate_rule_out_of_range_is_refused(int minEvents, int seconds, string problem) =>
        Assert.Contains(RateRule(minEvents: minEvents, seconds: seconds).Validate(null), e => e.Contains(problem));

    [Fact]
    public void An_error_share_of_nothing_is_refused() =>
        Assert.Contains(ErrorRule(share: 0).Validate(null), e => e.Contains("share above 0%"));

    [Fact]
    public void The_watches_published_to_trackers_take_the_lowest_count_per_window()
    {
        var watches = Holler.Alerts.AlertWatchesUpdated.From([RateRule("a", 500, 30), RateRule("b", 200, 30), RateRule("c", 50, 5), Rule("s")]);

        Assert.Equal([new Holler.Alerts.RateWatch(5, 50), new Holler.Alerts.RateWatch(30, 200)], watches.Rates);
    }
}
