using Holler.Web.Components;
using Holler.Web.Feed;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace Holler.Web;

/// <summary>How a node with the web role serves the dashboard: services first, then endpoints.</summary>
public static class DashboardSetup
{
    public static IServiceCollection AddHollerDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ClusterFeed>();
        services.AddSingleton<IBusinessSeriesSource, TrackerSeriesSource>();
        services.AddSingleton<IAlertsSource, SingletonAlertsSource>();
        return services;
    }

    public static WebApplication MapHollerDashboard(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
