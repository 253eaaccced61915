using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Holler.Alerts.Delivery;
using Holler.Domain.Alerts;
using Holler.Tests.Support;
using Holler.Web.Access;
using Holler.Web.Components.Pages;
using Holler.Web.Feed;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Holler.Tests.Web;

/// <summary>The dashboard's dead-letters page: the list with its reasons, the re-drive buttons for the roles that manage
/// alert rules only, and the role checked again on the server when a re-drive arrives.</summary>
public sealed class DeadLettersPageTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly StubDeadLettersSource _source = new();
    private readonly BunitAuthorizationContext _user;

    public DeadLettersPageTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton<IDeadLettersSource>(_source);
        _user = _ctx.AddAuthorization();
        _user.SetAuthorized("vera");
        _user.SetClaims(new Claim(HollerClaims.Role, HollerRoles.Viewer));
        _source.Letters =
        [
            new DeadLetter(Notifications.Sample("a-1", channels: ["hook"]), "hook", "HTTP 410: the receiver rejected the request", 1, 1_750_000_000_000, 1_750_000_001_000),
            new DeadLetter(Notifications.Sample("a-2", channels: ["mail"]), "mail", "gave up after 9 attempts in 1.00:00:00: timed out", 9, 1_750_000_000_000, 1_750_086_400_000),
        ];
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    private void SignInAsAnalyst()
    {
        _user.SetAuthorized("ana");
        _user.SetClaims(new Claim(HollerClaims.Role, HollerRoles.Analyst), new Claim(HollerClaims.Role, HollerRoles.Viewer));
    }

    [Fact]
    public void A_viewer_sees_each_dead_letter_with_its_reason_and_no_redrive_button()
    {
        var cut = _ctx.Render<DeadLettersPage>();

        var rows = cut.FindAll("[data-testid=dead-letter-row]");
        Assert.Equal(2, rows.Count);
        Assert.Equal(DeadLetter.IdOf("a-1.firing", "hook"), rows[0].GetAttribute("data-id"));
        Assert.Contains("HTTP 410: the receiver rejected the request", rows[0].TextContent);
        Assert.Contains("Joe's <Pizza> & Co", rows[0].TextContent);
        Assert.Contains("2025-06-16 15:06:40", rows[1].TextContent);
        Assert.Empty(cut.FindAll("[data-testid=redrive]"));
        Assert.Empty(cut.FindAll("[data-testid=redrive-all]"));
    }

    [Fact]
    public void An_analyst_redrives_one_row_and_it_leaves_the_list()
    {
        SignInAsAnalyst();
        var cut = _ctx.Render<DeadLettersPage>();

        cut.FindAll("[data-testid=dead-letter-row][data-channel=hook] [data-testid=redrive]")[0].Click();

        var sent = Assert.Single(_source.Sent);
        Assert.Equal(new RedriveDeadLetters(DeadLetter.IdOf("a-1.firing", "hook"), null, null, 1), sent);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=dead-letter-row]")));
        Assert.Contains("Re-driven: 1", cut.Find("[data-testid=dead-letter-message]").TextContent);
    }

    [Fact]
    public void The_set_button_redrives_everything_without_a_filter()
    {
        SignInAsAnalyst();
        var cut = _ctx.Render<DeadLettersPage>();

        cut.Find("[data-testid=redrive-all]").Click();

        Assert.Equal(new RedriveDeadLetters(null, null, null, RedriveDeadLetters.MaxPerCall), Assert.Single(_source.Sent));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=dead-letters-empty]")));
    }

    [Fact]
    public void A_redrive_from_a_user_who_lost_the_role_is_refused_on_the_server()
    {
        SignInAsAnalyst();
        var cut = _ctx.Render<DeadLettersPage>();
        // The button is on the page already (as a forged event would reach the circuit); the user is a viewer now.
        _user.SetClaims(new Claim(HollerClaims.Role, HollerRoles.Viewer));

        cut.FindAll("[data-testid=redrive]")[0].Click();

        Assert.Empty(_source.Sent);
        Assert.Contains("Only analysts and operators", cut.Find("[data-testid=dead-letter-message]").TextContent);
        Assert.Equal(2, cut.FindAll("[data-testid=dead-letter-row]").Count);
    }

    [Fact]
    public void A_business_user_sees_only_letters_about_their_own_businesses()
    {
        _user.SetAuthorized("owner");
        _user.SetClaims(new Claim(HollerClaims.Role, HollerRoles.Business), new Claim(HollerClaims.Business, "biz-9"));

        var cut = _ctx.Render<DeadLettersPage>();

        Assert.Empty(cut.FindAll("[data-testid=dead-letter-row]"));
        Assert.DoesNotContain("Pizza", cut.Markup);
    }
}
