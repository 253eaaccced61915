using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Holler.Web.Access;

/// <summary>A business's page may be opened by its route value <c>Id</c> only by users whose scope holds it.</summary>
public sealed class BusinessPageRequirement : IAuthorizationRequirement;

/// <summary>
/// Decides <see cref="BusinessPageRequirement"/> both where a page is asked for over HTTP (the resource is the request,
/// so another business's URL answers 403) and where the circuit navigates to it (the resource is the route data).
/// </summary>
public sealed class BusinessPageHandler : AuthorizationHandler<BusinessPageRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, BusinessPageRequirement requirement)
    {
        var id = context.Resource switch
        {
            HttpContext http => http.GetRouteValue("Id") as string,
            Microsoft.AspNetCore.Components.RouteData route => route.RouteValues.TryGetValue("Id", out var value) ? value as string : null,
            _ => null,
        };
        var scope = BusinessScope.Of(context.User);
        if (scope.IsEverything || (id is not null && scope.Allows(Uri.UnescapeDataString(id)))) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
