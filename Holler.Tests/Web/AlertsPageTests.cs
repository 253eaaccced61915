using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Holler.Alerts;
using Holler.Domain.Alerts;
using Holler.Tests.Support;
using Holler.Web.Access;
using Holler.Web.Components.Pages;
using Holler.Web.Feed;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Holler.Tests.Web;

/// <summary>The dashboard's alerts page: the history with its filters, and the rules.</summary>
public sealed class AlertsPageTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly StubAlertsSource _source = new();
    private readonly BunitAuthorizationContext _user;
    private readonly ManualClock _clock = new();

    public AlertsPageTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton<IAlertsSource>(_source);
        _ctx.Services.AddSingleton<TimeProvider>(_clock);
        _user = _ctx.AddAuthorization();
        _user.SetAuthorized("vera");
        _user.SetClaims(new Claim(HollerClaims.Role, HollerRoles.Viewer));
    }

    private void SignInAsAnalyst()
    {
        _user.SetAuthorized("ana");
        _user.SetClaims(new Claim(HollerClaims.Name, "ana"), new Claim(HollerClaims.Role, HollerRoles.Analyst), new Claim(HollerClaims.Role, HollerRoles.Viewer));
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    private static Alert Alert(string id, AlertState state, string business = "biz-1", bool notReal = false) => new()
    {
        Id = id, RuleId = "r1", BusinessId = business, State = state, OpenedMs = 1_750_000_000_000,
        ResolvedMs = state == AlertState.Resolved ? 1_750_000_060_000 : null, PeakSeverity = 9.25,
        Business = new AlertedBusiness(business, "Cafe " + id, "Coffee", "Denver", false, 9, 4, 400, 100, 1_750_000_000_000, ""),
        Feedback = notReal ? new AlertFeedback(1, "ana", "bot") : null,
    };

    [Fact]
    public void A_business_user_sees_the_alerts_of_their_businesses_only_and_no_rules()
    {
        _user.SetAuthorized("owner");
        _user.SetClaims(new Claim(HollerClaims.Role, HollerRoles.Business), new Claim(HollerClaims.Business, "biz-1"));
        _source.Alerts = [Alert("a2", AlertState.Firing, business: "biz-2"), Alert("a1", AlertState.Firing, business: "biz-1")];
        _source.Rules = [new AlertRule("r1", "All surges", RuleScope.All, new AlertCondition(ConditionKind.Surge, 8), TimeSpan.Zero,
            TimeSpan.Zero, null, ["ops"], null, 0)];

        var cut = _ctx.Render<AlertsPage>();

        var rows = cut.FindAll("[data-testid=alert-row]");
        Assert.Single(rows);
        Assert.Contains("Cafe a1", rows[0].TextContent);
        Assert.DoesNotContain("Cafe a2", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=rule-row]"));
        Assert.DoesNotContain("All surges", cut.Markup);
    }

    [Fact]
    public void Lists_the_alert_history_and_the_rules()
    {
        _source.Alerts = [Alert("a2", AlertState.Firing), Alert("a1", AlertState.Resolved, notReal: true)];
        _source.Rules = [new AlertRule("r1", "All surges", RuleScope.All, new AlertCondition(ConditionKind.Surge, 8), TimeSpan.Zero,
            TimeSpan.Zero, null, ["ops", "pager"], null, 0)];

        var cut = _ctx.Render<AlertsPage>();

        var rows = cut.FindAll("[data-testid=alert-row]");
        Assert.Equal(["firing", "resolved"], rows.Select(r => r.GetAttribute("data-state")));
        Assert.Contains("Cafe a2", rows[0].TextContent);
        Assert.Contains("not real", rows[1].TextContent);
        Assert.Equal("business/biz-1", rows[0].QuerySelector("a")!.GetAttribute("href"));
        var rule = Assert.Single(cut.FindAll("[data-testid=rule-row]"));
        Assert.Contains("surge ≥ 8", rule.TextContent);
        Assert.Contains("ops, pager", rule.TextContent);
    }

    [Fact]
    public async Task Choosing_a_state_asks_for_those_alerts_only()
    {
        _source.Alerts = [Alert("a2", AlertState.Firing), Alert("a1", AlertState.Resolved)];
        var cut = _ctx.Render<AlertsPage>();

        var state = cut.FindComponents<MudSelect<string>>()[1];
        await cut.InvokeAsync(() => state.Instance.ValueChanged.InvokeAsync(nameof(AlertState.Firing)));

        Assert.Equal(AlertState.Firing, _source.LastFilter!.State);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=alert-row]")));
    }

    [Fact]
    public void Says_so_when_the_alerts_singleton_does_not_answer_and_when_nothing_matches()
    {
        _source.Unavailable = true;
        Assert.Contains("did not answer", _ctx.Render<AlertsPage>().Find("[data-testid=alerts-unavailable]").TextContent);

        _source.Unavailable = false;
        var empty = _ctx.Render<AlertsPage>();
        Assert.Equal("No alerts match.", empty.Find("[data-testid=alerts-empty]").TextContent);
        Assert.Contains("holler alerts rules add", empty.Find("[data-testid=rules-empty]").TextContent);
    }

    [Fact]
    public void A_viewer_gets_neither_the_alert_buttons_nor_the_link_to_the_rule_editor()
    {
        _source.Alerts = [Alert("a1", AlertState.Firing)];

        var cut = _ctx.Render<AlertsPage>();

        Assert.Single(cut.FindAll("[data-testid=alert-row]"));
        Assert.Empty(cut.FindAll("[data-testid=alert-ack], [data-testid=alert-snooze], [data-testid=alert-not-real], [data-testid=edit-rules]"));
    }

    [Fact]
    public void An_analyst_acknowledges_snoozes_and_marks_an_alert_not_real_in_their_name()
    {
        SignInAsAnalyst();
        _source.Alerts = [Alert("a1", AlertState.Firing), Alert("a0", AlertState.Resolved)];
        var cut = _ctx.Render<AlertsPage>();
        Assert.Equal("alerts/rules", cut.Find("[data-testid=edit-rules]").GetAttribute("href"));
        // A resolved alert can only be given feedback: the singleton acknowledges firing alerts only, and snoozes open ones.
        Assert.Equal(["alert-not-real"], cut.FindAll("[data-alert-id=a0] button").Select(b => b.GetAttribute("data-testid")));

        cut.Find("[data-alert-id=a1] [data-testid=alert-ack]").Click();
        cut.Find("[data-alert-id=a1] [data-testid=alert-snooze]").Click();
        cut.Find("[data-alert-id=a1] [data-testid=alert-not-real]").Click();

        Assert.Equal(3, _source.Sent.Count);
        Assert.Equal(new AcknowledgeAlert("a1", "ana"), _source.Sent[0]);
        Assert.Equal(new SnoozeAlert("a1", _clock.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds()), _source.Sent[1]);
        Assert.Equal(new MarkAlertNotReal("a1", "ana", ""), _source.Sent[2]);
        Assert.Empty(cut.FindAll("[data-testid=alert-action-error]"));
    }

    [Fact]
    public void The_handler_checks_the_role_again_so_a_user_no_longer_an_analyst_sends_nothing()
    {
        SignInAsAnalyst();
        _source.Alerts = [Alert("a1", AlertState.Firing)];
        var cut = _ctx.Render<AlertsPage>();
        var ack = cut.Find("[data-testid=alert-ack]");

        // The button is on the page already (as a forged event would reach the circuit); the user is a viewer now.
        _user.SetClaims(new Claim(HollerClaims.Role, HollerRoles.Viewer));
        ack.Click();

        Assert.Empty(_source.Sent);
        Assert.Contains("Only analysts", cut.Find("[data-testid=alert-action-error]").TextContent);
    }

    [Fact]
    public void A_refused_action_says_why()
    {
        SignInAsAnalyst();
        _source.Alerts = [Alert("a1", AlertState.Firing)];
        _source.Answer = new AlertsReply(AlertsReplyStatus.NotFound, "no alert 'a1'", null, null);
        var cut = _ctx.Render<AlertsPage>();

        cut.Find("[data-testid=alert-ack]").Click();

        Assert.Equal("no alert 'a1'", cut.Find("[data-testid=alert-action-error]").TextContent.Trim());
    }
}
