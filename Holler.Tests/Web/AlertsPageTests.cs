using Bunit;
using Bunit.TestDoubles;
using Holler.Alerts;
using Holler.Domain.Alerts;
using Holler.Tests.Support;
using Holler.Web.Access;
using System.Security.Claims;
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
    private readonly StubAlerts _source = new();
    private readonly ManualClock _clock = new();
    private readonly BunitAuthorizationContext _user;

    public AlertsPageTests()
    {
        _user = _ctx.AddAuthorization();
        _user.SetAuthorized("viewer");
        _user.SetClaims(new Claim(HollerClaims.Role, HollerRoles.Viewer));
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton<IAlertsSource>(_source);
        _ctx.Services.AddSingleton<TimeProvider>(_clock);
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

    private sealed class StubAlerts : IAlertsSource
    {
        public IReadOnlyList<Alert> Alerts { get; set; } = [];
        public IReadOnlyList<AlertRule> Rules { get; set; } = [];
        public bool Unavailable { get; set; }
        public AlertFilter? LastFilter { get; private set; }

        public Task<AlertRulesReply?> GetRulesAsync(CancellationToken token) =>
            Task.FromResult(Unavailable ? null : new AlertRulesReply(Rules, []));

        public Task<IReadOnlyList<Alert>?> GetAlertsAsync(AlertFilter filter, CancellationToken token)
        {
            LastFilter = filter;
            return Task.FromResult(Unavailable
                ? null
                : (IReadOnlyList<Alert>?)Alerts.Where(a => filter.State is null || a.State == filter.State).ToList());
        }
    }
}
