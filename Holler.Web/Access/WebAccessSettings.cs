namespace Holler.Web.Access;

/// <summary>A built-in user: its password hash (ASP.NET Core's <c>PasswordHasher</c> format), role and, for the
/// business role, the businesses it sees.</summary>
public sealed record WebUser(string Name, string PasswordHash, string Role, IReadOnlySet<string> Businesses);

/// <summary>When repeated wrong passwords lock a user out, and for how long.</summary>
public sealed record LockoutSettings(int MaxFailures, TimeSpan Duration);

/// <summary>Sign-in through an OpenID Connect provider; see docs/access.md for a provider's settings.</summary>
/// <param name="RoleClaim">The claim that carries the user's role(s).</param>
/// <param name="RoleMap">Provider role value → Holler role; a value that is itself a Holler role needs no entry.</param>
/// <param name="BusinessClaim">The claim that lists a business user's businesses (one per value, or comma-separated).</param>
public sealed record OidcSettings(
    string Authority,
    string ClientId,
    string ClientSecret,
    IReadOnlyList<string> Scopes,
    string RoleClaim,
    IReadOnlyDictionary<string, string> RoleMap,
    string BusinessClaim,
    string DisplayName,
    bool RequireHttpsMetadata);

/// <summary>How the dashboard lets people in. With neither users nor a provider configured, sign-in is off: a dev node
/// on loopback serves everyone as an operator (a listener beyond loopback refuses to start that way).</summary>
public sealed record WebAccessSettings(
    IReadOnlyDictionary<string, WebUser> Users,
    LockoutSettings Lockout,
    OidcSettings? Oidc,
    TimeSpan SessionLifetime)
{
    public static WebAccessSettings Open { get; } =
        new(new Dictionary<string, WebUser>(), new LockoutSettings(5, TimeSpan.FromMinutes(15)), null, TimeSpan.FromHours(8));

    public bool SignInRequired => Users.Count > 0 || Oidc is not null;
}
