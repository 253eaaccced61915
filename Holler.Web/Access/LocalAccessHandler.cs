using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Holler.Web.Access;

/// <summary>
/// Sign-in switched off (no users, no provider): everyone who reaches the dashboard is a local operator. Allowed only
/// while the dashboard listens on loopback (the settings check refuses anything wider), so a dev node works as before
/// while every page, circuit and feed still goes through the same authorization as with sign-in.
/// </summary>
public sealed class LocalAccessHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly AuthenticationTicket Ticket = new(
        HollerPrincipal.Create("local", HollerRoles.Operator, [], "local", AccessSetup.LocalScheme), AccessSetup.LocalScheme);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.Success(Ticket));
}
