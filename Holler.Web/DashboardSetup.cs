using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Holler.Web;

/// <summary>How a node with the web role serves the dashboard: services first, then endpoints.</summary>
public static class DashboardSetup
{
    public static IServiceCollection AddHollerDashboard(this IServiceCollection services) => services;

    public static WebApplication MapHollerDashboard(this WebApplication app)
    {
        // The Blazor dashboard replaces this page (issue 3).
        app.MapGet("/", () => Results.Text("Holler dashboard\n"));
        return app;
    }
}
