namespace Holler.Web.Access;

/// <summary>
/// The dashboard's roles, one per user: what settings (<c>Web:Users:NAME:Role</c>), OpenID Connect role mapping and
/// <c>holler users add --role</c> accept. Each role grants what the one before it does (viewer ⊂ analyst ⊂ operator);
/// <see cref="Business"/> is a viewer limited to the businesses listed for the user. See docs/access.md.
/// </summary>
public static class HollerRoles
{
    /// <summary>Sees the dashboards: live view, map, history, any business's drill-down.</summary>
    public const string Viewer = "viewer";
    /// <summary>A viewer who also edits alert rules, acknowledges alerts and gives feedback on surges.</summary>
    public const string Analyst = "analyst";
    /// <summary>An analyst who also runs cluster commands.</summary>
    public const string Operator = "operator";
    /// <summary>A viewer of the businesses listed for the user only (the business owner's view).</summary>
    public const string Business = "business";

    public static IReadOnlyList<string> All { get; } = [Viewer, Analyst, Operator, Business];

    /// <summary>The role as written in settings, or null when it is none of <see cref="All"/>.</summary>
    public static string? Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        return All.FirstOrDefault(r => string.Equals(r, trimmed, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The roles a user of <paramref name="role"/> acts in: their own and every one it includes.</summary>
    public static IReadOnlyList<string> Granted(string role) => role switch
    {
        Operator => [Operator, Analyst, Viewer],
        Analyst => [Analyst, Viewer],
        Viewer => [Viewer],
        Business => [Business],
        _ => [],
    };
}

/// <summary>Authorization policies by name, for <c>[Authorize(Policy = …)]</c> on pages and <c>RequireAuthorization</c>
/// on endpoints. Defined in <see cref="AccessSetup"/>.</summary>
public static class HollerPolicies
{
    /// <summary>Any signed-in user: the dashboards (business users see only their businesses there).</summary>
    public const string Dashboard = "holler-dashboard";
    /// <summary>Alert rules, acknowledging, feedback.</summary>
    public const string Analyst = "holler-analyst";
    /// <summary>Cluster commands.</summary>
    public const string Operator = "holler-operator";
    /// <summary>One business's page (route value <c>Id</c>): every non-business user, a business user for their own.</summary>
    public const string BusinessPage = "holler-business-page";
}

/// <summary>Claim types Holler puts on its signed-in users, whichever way they signed in.</summary>
public static class HollerClaims
{
    public const string Name = "holler:name";
    public const string Role = "holler:role";
    /// <summary>One claim per business a <see cref="HollerRoles.Business"/> user may see.</summary>
    public const string Business = "holler:business";
    /// <summary>"password", "oidc" or "local" (loopback dev node without sign-in).</summary>
    public const string Method = "holler:method";
}
