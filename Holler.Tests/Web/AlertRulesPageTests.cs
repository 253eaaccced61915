using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Holler.Alerts;
using Holler.Domain.Alerts;
using Holler.Tests.Support;
using Holler.Web.Access;
using Holler.Web.Components.Pages;
using Holler.Web.Feed;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using NodaTime;

namespace Holler.Tests.Web;

/// <summary>The rule editor: the form's and the domain's validation shown on the form, rules created, muted and deleted
/// through the alerts singleton's commands, and nothing sent for a user who is no analyst.</summary>
public sealed class AlertRulesPageTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly StubAlertsSource _source = new();
    private readonly ManualClock _clock = new();
    private readonly BunitAuthorizationContext _user;

    public AlertRulesPageTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton<IAlertsSource>(_source);
        _ctx.Services.AddSingleton<TimeProvider>(_clock);
        _ctx.Services.AddSingleton(new AlertChannelNames(["ops-hook", "pager"]));
        _user = _ctx.AddAuthorization();
        _user.SetAuthorized("ana");
        _user.SetClaims(new Claim(HollerClaims.Role, HollerRoles.Analyst), new Claim(HollerClaims.Role, HollerRoles.Viewer));
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    private static AlertRule Rule(string id, long? mutedUntil = null) =>
        new(id, "Rule " + id, RuleScope.All, new AlertCondition(ConditionKind.Surge, 8), TimeSpan.Zero, TimeSpan.Zero, null, ["ops-hook"], mutedUntil, 1);

    /// <summary>Sets a form field as typing into it would: through the component's own ValueChanged.</summary>
    private static Task Set<TField, T>(IRenderedComponent<AlertRulesPage> cut, string testId, T value) where TField : IComponent =>
        cut.InvokeAsync(() => cut.FindComponents<TField>()
            .Select(c => (Component: c, Field: (MudBaseInput<T>)(object)c.Instance))
            .Single(c => Equals(c.Field.UserAttributes.GetValueOrDefault("data-testid"), testId))
            .Field.ValueChanged.InvokeAsync(value));

    private static Task Text(IRenderedComponent<AlertRulesPage> cut, string testId, string value) =>
        Set<MudTextField<string>, string>(cut, testId, value);

    private static Task Channel(IRenderedComponent<AlertRulesPage> cut, string name) =>
        cut.InvokeAsync(() => cut.FindComponents<MudCheckBox<bool>>()
            .Single(c => Equals(c.Instance.UserAttributes.GetValueOrDefault("data-channel"), name)).Instance.ValueChanged.InvokeAsync(true));

    private static IReadOnlyList<string> Errors(IRenderedComponent<AlertRulesPage> cut) =>
        cut.FindAll("[data-testid=rule-error]").Select(e => e.TextContent.Trim()).ToList();

    [Fact]
    public void An_empty_form_shows_every_problem_at_once_and_sends_nothing()
    {
        var cut = _ctx.Render<AlertRulesPage>();

        cut.Find("[data-testid=rule-create]").Click();

        var errors = Errors(cut);
        Assert.Contains(errors, e => e.StartsWith("rule name must be", StringComparison.Ordinal));
        Assert.Contains("a rule needs at least one channel", errors);
        Assert.Empty(_source.Sent);
    }

    [Fact]
    public async Task A_scope_without_values_bad_quiet_hours_and_out_of_range_durations_are_refused_on_the_form()
    {
        var cut = _ctx.Render<AlertRulesPage>();
        await Text(cut, "rule-name", "Denver cafes");
        await Set<MudSelect<RuleScopeKind>, RuleScopeKind>(cut, "rule-scope-kind", RuleScopeKind.Business);
        await Text(cut, "rule-quiet-hours", "25:00-07:00");
        await Set<MudNumericField<int>, int>(cut, "rule-renotify", -5);
        await Set<MudNumericField<double>, double>(cut, "rule-severity", 20_000);
        await Channel(cut, "pager");

        cut.Find("[data-testid=rule-create]").Click();

        var errors = Errors(cut);
        Assert.Contains("scope business needs at least one value", errors);
        Assert.Contains(errors, e => e.StartsWith("'25:00-07:00' is not quiet hours", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("re-notify interval must be", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("severity must be between", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("channel", StringComparison.Ordinal));
        Assert.Empty(_source.Sent);
    }

    [Fact]
    public async Task A_valid_form_adds_the_rule_it_describes_and_clears_the_form()
    {
        var cut = _ctx.Render<AlertRulesPage>();
        await Text(cut, "rule-name", "Denver Cafés");
        await Set<MudSelect<RuleScopeKind>, RuleScopeKind>(cut, "rule-scope-kind", RuleScopeKind.City);
        await Text(cut, "rule-scope-values", "Denver, Boulder ,denver");
        await Set<MudSelect<ConditionKind>, ConditionKind>(cut, "rule-condition", ConditionKind.Drop);
        await Set<MudNumericField<double>, double>(cut, "rule-severity", 6.5);
        await Set<MudNumericField<int>, int>(cut, "rule-min-duration", 90);
        await Set<MudNumericField<int>, int>(cut, "rule-renotify", 30);
        await Text(cut, "rule-quiet-hours", "22:00-07:00");
        await Channel(cut, "pager");
        await Channel(cut, "ops-hook");

        cut.Find("[data-testid=rule-create]").Click();

        var rule = Assert.IsType<AddAlertRule>(Assert.Single(_source.Sent)).Rule;
        Assert.Equal("denver-caf-s", rule.Id);
        Assert.Equal("Denver Cafés", rule.Name);
        Assert.Equal(RuleScopeKind.City, rule.Scope.Kind);
        Assert.Equal(["Denver", "Boulder"], rule.Scope.Values);
        Assert.Equal(new AlertCondition(ConditionKind.Drop, 6.5), rule.Condition);
        Assert.Equal(TimeSpan.FromSeconds(90), rule.MinDuration);
        Assert.Equal(TimeSpan.FromMinutes(30), rule.RenotifyInterval);
        Assert.Equal(new QuietHours(new LocalTime(22, 0), new LocalTime(7, 0)), rule.QuietHours);
        // In the configured order, whatever order they were ticked in.
        Assert.Equal(["ops-hook", "pager"], rule.Channels);
        Assert.Empty(cut.FindAll("[data-testid=rule-errors]"));
        // The form is empty again: creating once more finds no name and no channel, and sends nothing.
        cut.Find("[data-testid=rule-create]").Click();
        Assert.Contains(Errors(cut), e => e.StartsWith("rule name must be", StringComparison.Ordinal));
        Assert.Contains("a rule needs at least one channel", Errors(cut));
        Assert.Single(_source.Sent);
    }

    [Fact]
    public async Task The_singletons_refusal_shows_on_the_form()
    {
        _source.Answer = new AlertsReply(AlertsReplyStatus.Refused, "a rule 'hot' exists already", null, null);
        var cut = _ctx.Render<AlertRulesPage>();
        await Text(cut, "rule-name", "hot");
        await Channel(cut, "pager");

        cut.Find("[data-testid=rule-create]").Click();

        Assert.Single(_source.Sent);
        Assert.Equal(["a rule 'hot' exists already"], Errors(cut));
    }

    [Fact]
    public void Lists_the_rules_and_mutes_unmutes_and_deletes_them()
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        _source.Rules = [Rule("quiet", mutedUntil: now + 60_000), Rule("loud")];
        var cut = _ctx.Render<AlertRulesPage>();

        var rows = cut.FindAll("[data-testid=rule-row]");
        Assert.Equal(["quiet", "loud"], rows.Select(r => r.GetAttribute("data-rule-id")));
        Assert.Equal(["true", "false"], rows.Select(r => r.GetAttribute("data-muted")));

        cut.Find("[data-rule-id=quiet] [data-testid=rule-unmute]").Click();
        cut.Find("[data-rule-id=loud] [data-testid=rule-mute]").Click();
        cut.Find("[data-rule-id=loud] [data-testid=rule-delete]").Click();

        Assert.Equal(
            [new MuteAlertRule("quiet", null), new MuteAlertRule("loud", now + 3_600_000), new RemoveAlertRule("loud")],
            _source.Sent);
    }

    [Fact]
    public async Task A_user_who_is_no_longer_an_analyst_sends_nothing_from_an_open_editor()
    {
        var cut = _ctx.Render<AlertRulesPage>();
        await Text(cut, "rule-name", "hot");
        await Channel(cut, "pager");

        _user.SetClaims(new Claim(HollerClaims.Role, HollerRoles.Viewer));
        cut.Find("[data-testid=rule-create]").Click();

        Assert.Empty(_source.Sent);
        Assert.Contains("Only analysts", cut.Find("[data-testid=rule-action-error]").TextContent);
    }
}
