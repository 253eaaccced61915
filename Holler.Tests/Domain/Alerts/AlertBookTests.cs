using Holler.Domain.Alerts;
using NodaTime;
using static Holler.Tests.Domain.Alerts.AlertBookFixture;

namespace Holler.Tests.Domain.Alerts;

public sealed class AlertBookTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_surge_fires_once_and_resolves_once_however_often_the_tracker_reports_it()
    {
        var f = new AlertBookFixture();
        f.Add(Rule());

        for (var i = 0; i < 90; i++)
        {
            f.Observe(Surging("biz-a", severity: 8 + i % 5));
            f.Tick();
            f.Advance(TimeSpan.FromSeconds(1));
        }
        f.Observe(Ended("biz-a"));
        f.Advance(Window);
        f.Tick();

        Assert.Equal([AlertTransition.Firing, AlertTransition.Resolved], f.Notifications.Select(n => n.Transition));
        var alert = f.Only();
        Assert.Equal(AlertState.Resolved, alert.State);
        Assert.Equal("ended", alert.ResolveReason);
        Assert.Equal(12, alert.PeakSeverity);
        Assert.Single(f.Journal.OfType<AlertOpened>());
        // Receivers dedupe on these: one key per transition.
        Assert.Equal([$"{alert.Id}.firing", $"{alert.Id}.resolved"], f.Notifications.Select(n => n.IdempotencyKey));
    }

    [Fact]
    public void The_firing_notification_describes_the_business_with_its_drill_down_link()
    {
        var f = new AlertBookFixture();
        f.Add(Rule(channels: ["ops", "pager"]));
        f.Observe(Surging("biz-a", severity: 9.5));
        f.Advance(Window);
        f.Tick();

        var n = Assert.Single(f.Notifications);
        Assert.Equal(("r1", "Rule r1", 0), (n.RuleId, n.RuleName, n.MoreBusinesses));
        Assert.Equal(["ops", "pager"], n.Channels);
        Assert.Equal(new AlertedBusiness("biz-a", "Cafe A", "Coffee", "Denver", false, 9.5, 4, 400, 100, Start - 5_000,
            "https://holler.example/business/biz-a"), Assert.Single(n.Businesses));
    }

    [Fact]
    public void Without_a_public_url_the_drill_down_link_is_empty()
    {
        var f = new AlertBookFixture(AlertSettings.Default with { GroupWindow = TimeSpan.Zero });
        f.Add(Rule());
        f.Observe(Surging("biz-a"));
        f.Tick();

        Assert.Equal("", Assert.Single(Assert.Single(f.Notifications).Businesses).DrillDownUrl);
    }

    [Fact]
    public void A_rule_fires_only_after_its_minimum_duration_and_not_at_all_if_the_condition_lapses_before()
    {
        var f = new AlertBookFixture(AlertSettings.Default with { GroupWindow = TimeSpan.Zero, StaleAfter = TimeSpan.FromHours(1) });
        f.Add(Rule(minDuration: TimeSpan.FromMinutes(2), minSeverity: 8));

        f.Observe(Surging("biz-a", severity: 9));
        f.Advance(TimeSpan.FromSeconds(119));
        f.Tick();
        Assert.Equal(AlertState.Pending, f.Only().State);
        Assert.Empty(f.Notifications);

        f.Advance(TimeSpan.FromSeconds(1));
        f.Observe(Surging("biz-a", severity: 9));
        f.Tick();
        Assert.Equal(AlertState.Firing, f.Only().State);
        Assert.Single(f.Notifications);

        // Another business: pending, then its severity falls below the rule's level before two minutes.
        f.Observe(Surging("biz-b", severity: 9));
        f.Advance(TimeSpan.FromSeconds(30));
        f.Observe(Surging("biz-b", severity: 7.5));
        var b = Assert.Single(f.Book.Find(new AlertFilter(BusinessId: "biz-b")));
        Assert.Equal((AlertState.Resolved, null), (b.State, b.FiredMs));
        Assert.Equal("condition lapsed before firing", b.ResolveReason);
        f.Advance(TimeSpan.FromMinutes(5));
        f.Tick();
        Assert.Single(f.Notifications);
    }

    [Fact]
    public void Once_firing_an_alert_holds_until_the_episode_ends_even_when_the_severity_dips()
    {
        var f = new AlertBookFixture(AlertSettings.Default with { GroupWindow = TimeSpan.Zero });
        f.Add(Rule(minSeverity: 8));
        f.Observe(Surging("biz-a", severity: 9));
        f.Observe(Surging("biz-a", severity: 7.1));
        f.Tick();
        f.Observe(Surging("biz-a", severity: 9));
        f.Tick();

        Assert.Equal(AlertState.Firing, f.Only().State);
        Assert.Single(f.Journal.OfType<AlertOpened>());
        Assert.Single(f.Notifications);
    }

    [Fact]
    public void Surge_rules_ignore_drops_and_drop_rules_ignore_surges()
    {
        var f = new AlertBookFixture(AlertSettings.Default with { GroupWindow = TimeSpan.Zero });
        f.Add(Rule("surges"));
        f.Add(Rule("drops", kind: ConditionKind.Drop));

        f.Observe(Surging("biz-a"));
        f.Observe(Surging("biz-b", drop: true));

        Assert.Equal("biz-a", Assert.Single(f.Book.Find(new AlertFilter(RuleId: "surges"))).BusinessId);
        var drop = Assert.Single(f.Book.Find(new AlertFilter(RuleId: "drops")));
        Assert.Equal("biz-b", drop.BusinessId);
        Assert.True(drop.Business.Drop);
    }

    [Fact]
    public void Businesses_of_one_rule_firing_within_the_window_make_one_notification_bounded_in_size()
    {
        var f = new AlertBookFixture(AlertSettings.Default with { GroupWindow = Window, GroupSize = 2 });
        f.Add(Rule());

        f.Observe(Surging("biz-a", severity: 8));
        f.Advance(TimeSpan.FromSeconds(10));
        f.Observe(Surging("biz-b", severity: 11));
        f.Observe(Surging("biz-c", severity: 9));
        f.Observe(Surging("biz-d", severity: 7));
        f.Advance(TimeSpan.FromSeconds(19));
        f.Tick();
        Assert.Empty(f.Notifications);

        f.Advance(TimeSpan.FromSeconds(1));
        f.Tick();
        var n = Assert.Single(f.Notifications);
        // The most severe listed, the rest counted; the group is named after its first alert.
        Assert.Equal(["biz-b", "biz-c"], n.Businesses.Select(b => b.BusinessId));
        Assert.Equal(2, n.MoreBusinesses);
        Assert.Equal(f.Book.Find(new AlertFilter(BusinessId: "biz-a"))[0].Id, n.AlertId);

        // Resolves group the same way.
        foreach (var id in new[] { "biz-a", "biz-b", "biz-c", "biz-d" }) f.Observe(Ended(id));
        f.Advance(Window);
        f.Tick();
        var resolved = f.Notifications[^1];
        Assert.Equal(AlertTransition.Resolved, resolved.Transition);
        Assert.Equal(2, f.Notifications.Count);
        Assert.Equal(2 + 2, resolved.Businesses.Count + resolved.MoreBusinesses);
    }

    [Fact]
    public void A_business_firing_after_the_window_is_notified_on_its_own()
    {
        var f = new AlertBookFixture();
        f.Add(Rule());
        f.Observe(Surging("biz-a"));
        f.Advance(Window);
        f.Tick();
        f.Observe(Surging("biz-b"));
        f.Advance(Window);
        f.Tick();

        Assert.Equal([["biz-a"], ["biz-b"]], f.Notifications.Select(n => n.Businesses.Select(b => b.BusinessId).ToArray()));
    }

    [Fact]
    public void A_surge_that_ends_before_its_group_goes_out_is_still_notified_firing_then_resolved()
    {
        var f = new AlertBookFixture();
        f.Add(Rule());
        f.Observe(Surging("biz-a"));
        f.Advance(TimeSpan.FromSeconds(5));
        f.Observe(Ended("biz-a"));
        f.Advance(Window);
        f.Tick();

        Assert.Equal([AlertTransition.Firing, AlertTransition.Resolved], f.Notifications.Select(n => n.Transition));
    }

    [Fact]
    public void Scopes_pick_businesses_by_id_category_and_city_or_metro()
    {
        var byCity = Facts("biz-c");
        Assert.True(new RuleScope(RuleScopeKind.City, ["boston"]).Matches(byCity));
        Assert.True(new RuleScope(RuleScopeKind.City, ["Cambridge"]).Matches(byCity));
        Assert.False(new RuleScope(RuleScopeKind.City, ["Denver"]).Matches(byCity));
        Assert.True(new RuleScope(RuleScopeKind.Category, ["coffee"]).Matches(byCity));
        Assert.False(new RuleScope(RuleScopeKind.Category, ["Bars"]).Matches(byCity));
        Assert.True(new RuleScope(RuleScopeKind.Business, ["biz-x", "biz-c"]).Matches(byCity));
        Assert.False(new RuleScope(RuleScopeKind.Business, ["BIZ-C"]).Matches(byCity));
        Assert.True(RuleScope.All.Matches(BusinessFacts.Unknown("nobody")));
        Assert.False(new RuleScope(RuleScopeKind.Category, ["Coffee"]).Matches(BusinessFacts.Unknown("nobody")));

        var f = new AlertBookFixture(AlertSettings.Default with { GroupWindow = TimeSpan.Zero });
        f.Add(Rule(scope: new RuleScope(RuleScopeKind.Category, ["Coffee"])));
        f.Observe(Surging("biz-a"));
        f.Observe(Surging("biz-b"));
        f.Observe(Surging("biz-c"));
        Assert.Equal(["biz-a", "biz-c"], f.Book.Find(new AlertFilter()).Select(a => a.BusinessId).Order());
    }

    [Theory]
    [InlineData("all", "all")]
    [InlineData("business:b1, b2", "business:b1,b2")]
    [InlineData("category:Coffee", "category:Coffee")]
    [InlineData("metro:Boston", "city:Boston")]
    public void Scopes_parse_and_print(string text, string printed)
    {
        Assert.True(RuleScope.TryParse(text, out var scope, out var problem), problem);
        Assert.Equal(printed, scope.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("everything")]
    [InlineData("category:")]
    [InlineData("planet:Mars")]
    public void Bad_scopes_are_refused_with_the_forms_that_work(string text)
    {
        Assert.False(RuleScope.TryParse(text, out _, out var problem));
        Assert.Contains("category:NAME", problem);
    }

    [Fact]
    public void A_muted_rule_keeps_its_alerts_but_notifies_only_once_unmuted_while_still_firing()
    {
        var f = new AlertBookFixture(AlertSettings.Default with { GroupWindow = TimeSpan.Zero });
        f.Add(Rule());
        f.Keep(f.Book.MuteRule("r1", f.Now + 60_000).Events);

        f.Observe(Surging("biz-a"));
        f.Tick();
        Assert.Equal(AlertState.Firing, f.Only().State);
        Assert.Empty(f.Notifications);

        f.Advance(TimeSpan.FromSeconds(61));
        f.Observe(Surging("biz-a"));
        f.Tick();
        Assert.Equal(AlertTransition.Firing, Assert.Single(f.Notifications).Transition);
    }

    [Fact]
    public void A_surge_that_ends_while_muted_is_never_notified_neither_firing_nor_resolved()
    {
        var f = new AlertBookFixture(AlertSettings.Default with { GroupWindow = TimeSpan.Zero });
        f.Add(Rule());
        f.Keep(f.Book.MuteRule("r1", f.Now + 60_000).Events);
        f.Observe(Surging("biz-a"));
        f.Tick();
        f.Observe(Ended("biz-a"));
        f.Advance(TimeSpan.FromMinutes(5));
        f.Tick();

        Assert.Empty(f.Notifications);
        Assert.Equal(AlertState.Resolved, f.Only().State);
    }

    [Fact]
    public void Snoozing_a_business_for_one_rule_or_for_all_holds_back_only_its_notifications()
    {
        var f = new AlertBookFixture(AlertSettings.Default with { GroupWindow = TimeSpan.Zero });
        f.Add(Rule("r1"));
        f.Add(Rule("r2"));
        f.Keep(f.Book.SnoozeBusiness("r1", "biz-a", f.Now + 60_000).Events);
        f.Keep(f.Book.SnoozeBusiness(null, "biz-b", f.Now + 60_000).Events);

        f.Observe(Surging("biz-a"));
        f.Observe(Surging("biz-b"));
        f.Observe(Surging("biz-c"));
        f.Tick();

        var notified = f.Notifications.SelectMany(n => n.Businesses.Select(b => $"{n.RuleId}/{b.BusinessId}")).Order();
        Assert.Equal(["r1/biz-c", "r2/biz-a", "r2/biz-c"], notified);
        Assert.Equal(2, f.Book.Snoozes.Count);
    }

    [Fact]
    public void Quiet_hours_hold_firing_back_in_the_business_s_own_time_zone()
    {
        // 12:00 UTC is 06:00 in Denver (MDT in June) and 08:00 in Boston.
        var f = new AlertBookFixture(AlertSettings.Default with { GroupWindow = TimeSpan.Zero });
        f.Now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        f.Add(Rule(quiet: new QuietHours(new LocalTime(22, 0), new LocalTime(7, 0))));

        f.Observe(Surging("biz-a", sinceMs: f.Now));
        f.Observe(Surging("biz-b", sinceMs: f.Now));
        f.Tick();
        Assert.Equal(["biz-b"], f.Notifications.SelectMany(n => n.Businesses).Select(b => b.BusinessId));

        // 07:00 in Denver: its firing goes out, late.
        f.Advance(TimeSpan.FromHours(1));
        f.Observe(Surging("biz-a", sinceMs: f.Now - 3_600_000));
        f.Observe(Surging("biz-b", sinceMs: f.Now - 3_600_000));
        f.Tick();
        Assert.Equal(["biz-b", "biz-a"], f.Notifications.SelectMany(n => n.Businesses).Select(b => b.BusinessId));
    }

    [Theory]
    [InlineData("22:00-07:00", 23, true)]
    [InlineData("22:00-07:00", 3, true)]
    [InlineData("22:00-07:00", 7, false)]
    [InlineData("22:00-07:00", 12, false)]
    [InlineData("09:00-17:00", 12, true)]
    [InlineData("09:00-17:00", 17, false)]
    public void Quiet_hours_may_run_over_midnight(string text, int utcHour, bool quiet)
    {
        Assert.True(QuietHours.TryParse(text, out var hours, out _));
        var at = new DateTimeOffset(2025, 6, 1, utcHour, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal(quiet, hours!.Contains(at, DateTimeZone.Utc));
        Assert.Equal(text, hours.ToString());
    }

    [Theory]
    [InlineData("22-07")]
    [InlineData("22:00")]
    [InlineData("07:00-07:00")]
    [InlineData("25:00-07:00")]
    public void Bad_quiet_hours_are_refused(string text) => Assert.False(QuietHours.TryParse(text, out _, out _));

    [Fact]
    public void Acknowledging_stops_reminders_but_the_resolve_is_still_notified()
    {
        var f = new AlertBookFixture(AlertSettings.Default with { GroupWindow = TimeSpan.Zero, StaleAfter = TimeSpan.FromHours(2) });
        f.Add(Rule(renotify: TimeSpan.FromMinutes(10)));
        f.Observe(Surging("biz-a"));
        f.Tick();
        f.Advance(TimeSpan.FromMinutes(10));
        f.Tick();
        Assert.Equal(["firing", "firing"], f.Notifications.Select(n => n.Transition.ToString().ToLowerInvariant()));
        var id = f.Only().Id;
        Assert.Equal($"{id}~r1.firing", f.Notifications[1].IdempotencyKey);

        var ack = f.Keep(f.Book.Acknowledge(id, "ana", f.Now).Events);
        Assert.Single(ack);
        f.Advance(TimeSpan.FromMinutes(30));
        f.Tick();
        Assert.Equal(2, f.Notifications.Count);
        Assert.Equal((AlertState.Acknowledged, "ana"), (f.Only().State, f.Only().AcknowledgedBy));

        f.Observe(Ended("biz-a"));
        f.Tick();
        Assert.Equal(AlertTransition.Resolved, f.Notifications[^1].Transition);
    }

    [Fact]
    public void Only_a_firing_alert_can_be_acknowledged_and_unknown_ids_say_so()
    {
        var f = new AlertBookFixture();
        f.Add(Rule(minDuration: TimeSpan.FromMinutes(5)));
        f.Observe(Surging("biz-a"));

        var pending = f.Book.Acknowledge(f.Only().Id, "ana", f.Now);
        Assert.False(pending.Ok);
        Assert.Contains("pending", pending.Problem);
        var missing = f.Book.Acknowledge("a999", "ana", f.Now);
        Assert.True(missing.NotFound);
        Assert.Equal("no alert 'a999'", missing.Problem);
        Assert.True(f.Book.MuteRule("nope", null).NotFound);
        Assert.True(f.Book.RemoveRule("nope", f.Now).NotFound);
    }

    [Fact]
    public void Not_a_real_surge_is_stored_with_the_alert()
    {
        var f = new AlertBookFixture();
        f.Add(Rule());
        f.Observe(Surging("biz-a"));
        var id = f.Only().Id;

        Assert.True(f.Keep(f.Book.MarkNotReal(id, "ana", "a bot", f.Now).Events).Count == 1);

        Assert.Equal(new AlertFeedback(f.Now, "ana", "a bot"), f.Book.Alert(id)!.Feedback);
    }

    [Fact]
    public void An_alert_whose_business_is_no_longer_reported_resolves_after_the_stale_period()
    {
        var f = new AlertBookFixture(AlertSettings.Default with { GroupWindow = TimeSpan.Zero, StaleAfter = TimeSpan.FromSeconds(60) });
        f.Add(Rule());
        f.Observe(Surging("biz-a"));
        f.Tick();
        f.Advance(TimeSpan.FromSeconds(60));
        f.Tick();
        Assert.Equal(AlertState.Firing, f.Only().State);

        f.Advance(TimeSpan.FromSeconds(1));
        f.Tick();
        Assert.Equal(AlertState.Resolved, f.Only().State);
        Assert.StartsWith("no report", f.Only().ResolveReason);
        Assert.Equal(AlertTransition.Resolved, f.Notifications[^1].Transition);
    }

    [Fact]
    public void A_report_of_a_new_episode_resolves_the_old_alert_and_opens_another()
    {
        var f = new AlertBookFixture(AlertSettings.Default with { GroupWindow = TimeSpan.Zero });
        f.Add(Rule());
        f.Observe(Surging("biz-a", sinceMs: Start - 5_000));
        f.Observe(Surging("biz-a", sinceMs: Start + 60_000));
        f.Tick();

        var alerts = f.Book.Find(new AlertFilter());
        Assert.Equal([AlertState.Firing, AlertState.Resolved], alerts.Select(a => a.State));
        Assert.Equal("a new episode began", alerts[1].ResolveReason);
    }

    [Fact]
    public void Removing_a_rule_resolves_its_alerts_and_notifies_the_resolve_at_once()
    {
        var f = new AlertBookFixture(AlertSettings.Default with { GroupWindow = TimeSpan.Zero });
        f.Add(Rule());
        f.Observe(Surging("biz-a"));
        f.Tick();

        f.Keep(f.Book.RemoveRule("r1", f.Now).Events);

        Assert.Equal([AlertTransition.Firing, AlertTransition.Resolved], f.Notifications.Select(n => n.Transition));
        Assert.Null(f.Book.Rule("r1"));
        Assert.Equal("rule removed", f.Only().ResolveReason);
        Assert.Empty(f.Observe(Surging("biz-b")));
    }

    [Fact]
    public void Rules_are_validated_names_unique_and_channels_checked_when_known()
    {
        var f = new AlertBookFixture(AlertSettings.Default with { KnownChannels = new HashSet<string> { "ops" } });
        f.Add(Rule());
        Assert.Contains("already exists", f.Book.AddRule(Rule()).Problem);
        Assert.Contains("unknown channel 'pager' (configured: ops)", f.Book.AddRule(Rule("r2", channels: ["pager"])).Problem);
        Assert.Contains("at least one channel", f.Book.AddRule(Rule("r3", channels: [])).Problem);
        Assert.Contains("rule id", f.Book.AddRule(Rule("Bad Id")).Problem);
        Assert.Contains("severity", f.Book.AddRule(Rule("r4", minSeverity: -1)).Problem);
        Assert.Contains("re-notify", f.Book.AddRule(Rule("r5", renotify: TimeSpan.FromSeconds(5))).Problem);
        Assert.Equal("my-surge-rule", AlertRule.IdFrom("  My surge rule! "));
    }

    [Fact]
    public void Unknown_channels_are_accepted_when_the_node_cannot_see_the_configured_ones()
    {
        var f = new AlertBookFixture();
        Assert.True(f.Book.AddRule(Rule(channels: ["anything"])).Ok);
    }

    [Fact]
    public void History_is_bounded_to_the_newest_resolved_alerts()
    {
        var f = new AlertBookFixture(AlertSettings.Default with { GroupWindow = TimeSpan.Zero, HistoryLimit = 10 });
        f.Add(Rule());
        for (var i = 0; i < 25; i++)
        {
            f.Observe(Surging("biz-a", sinceMs: Start + i * 1000));
            f.Tick();
            f.Observe(Ended("biz-a", sinceMs: Start + i * 1000));
            f.Tick();
            f.Advance(TimeSpan.FromSeconds(1));
        }

        var kept = f.Book.Find(new AlertFilter(Limit: 1000));
        Assert.Equal(10, kept.Count);
        Assert.Equal("a25", kept[0].Id);
        Assert.Equal(50, f.Notifications.Count);
    }

    [Fact]
    public void History_filters_by_rule_business_state_and_time()
    {
        var f = new AlertBookFixture(AlertSettings.Default with { GroupWindow = TimeSpan.Zero });
        f.Add(Rule("r1"));
        f.Add(Rule("r2", scope: new RuleScope(RuleScopeKind.Business, ["biz-b"])));
        f.Observe(Surging("biz-a"));
        f.Advance(TimeSpan.FromMinutes(10));
        f.Observe(Surging("biz-b"));
        f.Observe(Ended("biz-a"));

        Assert.Equal(3, f.Book.Find(new AlertFilter()).Count);
        Assert.Equal(2, f.Book.Find(new AlertFilter(RuleId: "r1")).Count);
        Assert.Equal(2, f.Book.Find(new AlertFilter(BusinessId: "biz-b")).Count);
        Assert.Equal("biz-a", Assert.Single(f.Book.Find(new AlertFilter(State: AlertState.Resolved))).BusinessId);
        // Since: opened since then, or still open then (resolved later).
        Assert.Equal(3, f.Book.Find(new AlertFilter(SinceMs: f.Now - 60_000)).Count);
        Assert.Equal(2, f.Book.Find(new AlertFilter(SinceMs: f.Now - 60_000, State: AlertState.Firing)).Count);
        Assert.Single(f.Book.Find(new AlertFilter(Limit: 1)));
    }

    [Fact]
    public void Replaying_the_journal_or_restoring_a_snapshot_rebuilds_the_same_book()
    {
        var f = new AlertBookFixture(AlertSettings.Default with { GroupWindow = TimeSpan.FromSeconds(10) });
        f.Add(Rule("r1"));
        f.Add(Rule("r2", minDuration: TimeSpan.FromMinutes(1)));
        f.Keep(f.Book.SnoozeBusiness(null, "biz-c", f.Now + 3_600_000).Events);
        f.Observe(Surging("biz-a"));
        f.Observe(Surging("biz-b"));
        f.Advance(TimeSpan.FromSeconds(10));
        f.Tick();
        f.Keep(f.Book.Confirm(f.Notifications[0].IdempotencyKey).Events);
        f.Observe(Ended("biz-b"));
        f.Keep(f.Book.Acknowledge(f.Book.Find(new AlertFilter(BusinessId: "biz-a", RuleId: "r1"))[0].Id, "ana", f.Now).Events);

        var replayed = new AlertBook(f.Settings, Facts);
        foreach (var e in f.Journal) replayed.Apply(e);
        var restored = new AlertBook(f.Settings, Facts);
        restored.Restore(f.Book.ToState(), f.Now);

        var expected = Describe(f.Book);
        Assert.Equal(expected, Describe(replayed));
        Assert.Equal(expected, Describe(restored));

        // And they go on alike: the pending r2 alerts fire, biz-b's resolve waits its window.
        f.Advance(TimeSpan.FromMinutes(1));
        foreach (var book in new[] { f.Book, replayed, restored }) book.Recovered(f.Now);
        var next = Describe(f.Book.Tick(f.Now));
        Assert.Contains(nameof(AlertFired), next);
        Assert.Equal(next, Describe(replayed.Tick(f.Now)));
        Assert.Equal(next, Describe(restored.Tick(f.Now)));
        Assert.Equal(Describe(f.Book), Describe(replayed));
        Assert.Equal(Describe(f.Book), Describe(restored));
    }

    private static string Describe(IReadOnlyList<IAlertEvent> events) =>
        System.Text.Json.JsonSerializer.Serialize(events.Select(e => e.GetType().Name + System.Text.Json.JsonSerializer.Serialize((object)e)));

    private static string Describe(AlertBook book) => System.Text.Json.JsonSerializer.Serialize(new
    {
        rules = book.Rules,
        snoozes = book.Snoozes,
        alerts = book.Find(new AlertFilter(Limit: 1000)),
        outbox = book.Outbox,
    });
}
