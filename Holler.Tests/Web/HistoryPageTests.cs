using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Holler.Domain.Catalog;
using Holler.Domain.History;
using Holler.History;
using Holler.Tests.Support;
using Holler.Web.Access;
using Holler.Web.Components.Pages;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Holler.Tests.Web;

/// <summary>The dashboard's History page on a real SQLite history store: the past leaderboard, a business's trend and
/// its calendar, and a business user's scope.</summary>
public sealed class HistoryPageTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly BunitAuthorizationContext _user;
    private readonly ManualClock _clock = new();
    private readonly TestStorage _storage = TestStorage.Create(StorageBackend.Sqlite);
    private readonly HistoryStore _store;

    public HistoryPageTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _store = new HistoryStore(HistoryProvider.Sqlite, HistoryStore.SqliteConnectionStringFor(_storage.Directory));
        _ctx.Services.AddSingleton(_store);
        _ctx.Services.AddSingleton<TimeProvider>(_clock);
        _ctx.Services.AddSingleton(BusinessCatalog.Synthetic(50));
        _user = _ctx.AddAuthorization();
        _user.SetAuthorized("vera");
        _user.SetClaims(new Claim(HollerClaims.Role, HollerRoles.Viewer));
    }

    public async ValueTask DisposeAsync()
    {
        await _ctx.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _storage.Dispose();
    }

    private async Task SeedAsync(string a, string b)
    {
        var now = _clock.GetUtcNow();
        var minute = HistoryRange.UnixMinute(now);
        await _store.WriteAsync(
            [new MinuteRollup(a, minute - 5, 40, 10, 9, true, false), new MinuteRollup(a, minute - 4, 12, 10, 1, false, false)],
            [
                new HistorySurge(a, now.AddMinutes(-5).ToUnixTimeMilliseconds(), now.AddMinutes(-3).ToUnixTimeMilliseconds(), 9, 40, 4, false, "", ""),
                new HistorySurge(b, now.AddMinutes(-20).ToUnixTimeMilliseconds(), 0, 14, 80, 7, false, "", ""),
            ], Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Lists_the_past_hours_surges_by_peak_severity_and_a_businesss_trend_and_calendar()
    {
        var catalog = _ctx.Services.GetRequiredService<BusinessCatalog>();
        string a = catalog[0].Id, b = catalog[1].Id;
        await SeedAsync(a, b);

        var cut = _ctx.Render<HistoryPage>(p => p.Add(x => x.BusinessId, a));

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("[data-testid=history-top-row]");
            Assert.Equal(2, rows.Count);
            Assert.Contains(catalog[1].Name, rows[0].TextContent); // severity 14 first
            Assert.Contains(catalog[0].Name, rows[1].TextContent);
            // Ranked 1 and 2, not both by the loop's last value.
            Assert.Equal(["1.", "2."], rows.Select(r => r.QuerySelector("strong")!.TextContent.Trim()));
        });
        Assert.NotNull(cut.Find("[data-testid=chart-history]"));
        Assert.Equal(35, cut.FindAll("[data-testid=calendar-day]").Count);
        Assert.Equal("1", cut.FindAll("[data-testid=calendar-day]")[^1].GetAttribute("data-surges"));
    }

    [Fact]
    public async Task A_business_user_sees_only_their_own_businesses()
    {
        var catalog = _ctx.Services.GetRequiredService<BusinessCatalog>();
        string a = catalog[0].Id, b = catalog[1].Id;
        await SeedAsync(a, b);
        _user.SetAuthorized("owner");
        _user.SetClaims(new Claim(HollerClaims.Role, HollerRoles.Business), new Claim(HollerClaims.Business, a));

        var cut = _ctx.Render<HistoryPage>(p => p.Add(x => x.BusinessId, b));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=history-top-row]")));
        Assert.DoesNotContain(catalog[1].Name, cut.Find("[data-testid=history-top]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=chart-history]"));
        Assert.Equal("0", cut.FindAll("[data-testid=calendar-day]")[^1].GetAttribute("data-surges"));
    }
}
