using System.Security.Claims;

namespace Holler.Web.Access;

/// <summary>Holler's signed-in user, built the same way for a password, an OpenID Connect or a local sign-in, and read
/// back the same way by pages, feeds and authorization.</summary>
public static class HollerPrincipal
{
    public static ClaimsPrincipal Create(string name, string role, IEnumerable<string> businesses, string method, string scheme)
    {
        var claims = new List<Claim> { new(HollerClaims.Name, name), new(HollerClaims.Method, method) };
        claims.AddRange(HollerRoles.Granted(role).Select(r => new Claim(HollerClaims.Role, r)));
        if (role == HollerRoles.Business) claims.AddRange(businesses.Select(b => new Claim(HollerClaims.Business, b)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, HollerClaims.Name, HollerClaims.Role));
    }

    /// <summary>The user's own role: the widest one granted.</summary>
    public static string? RoleOf(ClaimsPrincipal user) =>
        new[] { HollerRoles.Operator, HollerRoles.Analyst, HollerRoles.Viewer, HollerRoles.Business }
            .FirstOrDefault(r => user.HasClaim(HollerClaims.Role, r));

    /// <summary>Edits alert rules, acknowledges, snoozes and gives feedback on alerts (analysts and operators).</summary>
    public static bool ManagesAlerts(ClaimsPrincipal user) => user.HasClaim(HollerClaims.Role, HollerRoles.Analyst);
}
