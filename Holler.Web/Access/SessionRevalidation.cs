using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Logging;

namespace Holler.Web.Access;

/// <summary>
/// An open dashboard (its circuit) re-checks its user every 30 seconds against the current settings: a built-in user
/// removed from the settings file, or given another role or other businesses, stops seeing data without reloading the
/// page — the circuit's router then sends them to sign in, where the cookie check ends the session too.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggerFactory, WebAccess access) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        Task.FromResult(AccessSetup.StillValid(authenticationState.User, access.Current));
}
