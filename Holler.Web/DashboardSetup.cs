using Holler.Web.Access;
using Holler.Web.Components;
using Holler.Web.Feed;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace Holler.Web;

/// <summary>How a node with the web role serves the dashboard: services first, then endpoints.</summary>
public static class DashboardSetup
{
    /// <param name="alertChannels">The configured alert channel names (Alerts:Channels:NAME), offered by the rule editor.</param>
    public static IServiceCollection AddHollerDashboard(this IServiceCollection services, WebAccessSettings access,
        IEnumerable<string>? alertChannels = null, Holler.Domain.Dimensions.DimensionSettings? dimensions = null)
    {
        services.AddHollerAccess(access);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ClusterFeed>();
        services.AddSingleton<Holler.Web.Fleet.FleetFeed>();
        services.AddSingleton<IBusinessSeriesSource, TrackerSeriesSource>();
        services.AddSingleton<IRecentEventsSource, TrackerRecentEventsSource>();
        services.AddSingleton<IAlertsSource, SingletonAlertsSource>();
        services.AddSingleton<IDeadLettersSource, SingletonDeadLettersSource>();
        // The drill-down says how busy a business must be to keep a breakdown.
        services.AddSingleton(dimensions ?? Holler.Domain.Dimensions.DimensionSettings.Default);
        services.AddSingleton(new AlertChannelNames((alertChannels ?? []).Order(StringComparer.OrdinalIgnoreCase).ToList()));
        // After the framework's own registration, so circuits use this one.
        if (access.SignInRequired) services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        return services;
    }

    public static WebApplication MapHollerDashboard(this WebApplication app)
    {
        app.UseHollerAccess();
        app.UseAntiforgery();
        app.MapHollerAccess();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
