using Holler.Web.Access;

namespace Holler.Host.Configuration;

/// <summary>A built-in dashboard user, as <c>holler users add</c> prints it: <c>Web:Users:NAME:PasswordHash</c> …</summary>
public sealed class WebUserOptions
{
    /// <summary>ASP.NET Core PasswordHasher's hash (PBKDF2, salted); never the password.</summary>
    public string PasswordHash { get; set; } = "";
    /// <summary>viewer, analyst, operator or business.</summary>
    public string Role { get; set; } = "";
    /// <summary>Business role only: the business ids this user sees, comma-separated.</summary>
    public string Businesses { get; set; } = "";
}

/// <summary>Lockout after repeated wrong passwords, per user name.</summary>
public sealed class WebLockoutOptions
{
    public int MaxFailures { get; set; } = 5;
    public int Minutes { get; set; } = 15;
}

/// <summary>Sign-in through an OpenID Connect provider; on when <see cref="Authority"/> is set. See docs/access.md.</summary>
public sealed class WebOidcOptions
{
    /// <summary>The provider's issuer URL (its /.well-known/openid-configuration is read from there).</summary>
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    /// <summary>Keep it in HOLLER_WEB__OIDC__CLIENTSECRET, not in files.</summary>
    public string ClientSecret { get; set; } = "";
    /// <summary>Space-separated scopes to ask for.</summary>
    public string Scopes { get; set; } = "openid profile";
    /// <summary>The claim holding the user's role(s): Entra ID's app roles and Keycloak's client-role mapper use "roles".</summary>
    public string RoleClaim { get; set; } = "roles";
    /// <summary>Provider role → Holler role, e.g. Web:Oidc:RoleMap:Holler.Analysts=analyst.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The claim listing a business user's businesses.</summary>
    public string BusinessClaim { get; set; } = "holler_businesses";
    /// <summary>The sign-in button's "Sign in with …".</summary>
    public string DisplayName { get; set; } = "single sign-on";
    /// <summary>Only for a test provider on plain http.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public OidcSettings? Resolve(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(Authority)) return null;
        var before = errors.Count;
        if (!Uri.TryCreate(Authority.Trim(), UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            errors.Add($"Web:Oidc:Authority: '{Authority}' is not an http(s) URL");
        else if (authority.Scheme == "http" && RequireHttpsMetadata)
            errors.Add($"Web:Oidc:Authority: must be https (Web:Oidc:RequireHttpsMetadata=false allows http, for a test provider only)");
        if (string.IsNullOrWhiteSpace(ClientId)) errors.Add("Web:Oidc:ClientId: required with Web:Oidc:Authority");
        if (string.IsNullOrWhiteSpace(RoleClaim)) errors.Add("Web:Oidc:RoleClaim: must name the claim that carries the role");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (from, to) in RoleMap)
        {
            if (HollerRoles.Parse(to) is { } role) map[from] = role;
            else errors.Add($"Web:Oidc:RoleMap:{from}: unknown role '{to}' (known: {string.Join(", ", HollerRoles.All)})");
        }
        var scopes = Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (!scopes.Contains("openid")) errors.Add("Web:Oidc:Scopes: must include openid");
        if (errors.Count > before) return null;
        return new OidcSettings(Authority.Trim(), ClientId.Trim(), ClientSecret.Trim(), scopes, RoleClaim.Trim(), map,
            BusinessClaim.Trim(), DisplayName.Trim(), RequireHttpsMetadata);
    }
}

/// <summary>The parts of the web section that say who may sign in; re-read when the settings file changes.</summary>
internal static class WebAccessResolver
{
    public static WebAccessSettings Resolve(WebOptionsSection web, List<string> errors)
    {
        var users = new Dictionary<string, WebUser>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, user) in web.Users)
        {
            var key = $"Web:Users:{name}";
            if (!PasswordHashes.LooksValid(user.PasswordHash))
                errors.Add($"{key}:PasswordHash: not a password hash (make one with: holler users add {name} --role ROLE)");
            var role = HollerRoles.Parse(user.Role);
            if (role is null) errors.Add($"{key}:Role: unknown role '{user.Role}' (known: {string.Join(", ", HollerRoles.All)})");
            var businesses = user.Businesses.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            if (role == HollerRoles.Business && businesses.Count == 0)
                errors.Add($"{key}:Businesses: a business user needs at least one business id");
            if (role is not null && role != HollerRoles.Business && businesses.Count > 0)
                errors.Add($"{key}:Businesses: only a business user is limited to businesses (role is {role})");
            if (role is not null) users[name] = new WebUser(name, user.PasswordHash.Trim(), role, businesses);
        }
        if (web.Lockout.MaxFailures is < 1 or > 1000) errors.Add($"Web:Lockout:MaxFailures must be between 1 and 1000, was {web.Lockout.MaxFailures}");
        if (web.Lockout.Minutes is < 1 or > 1440) errors.Add($"Web:Lockout:Minutes must be between 1 and 1440, was {web.Lockout.Minutes}");
        if (web.SessionMinutes is < 1 or > 43200) errors.Add($"Web:SessionMinutes must be between 1 and 43200, was {web.SessionMinutes}");
        var oidc = web.Oidc.Resolve(errors);
        return new WebAccessSettings(users, new LockoutSettings(web.Lockout.MaxFailures, TimeSpan.FromMinutes(web.Lockout.Minutes)),
            oidc, TimeSpan.FromMinutes(web.SessionMinutes));
    }
}

/// <summary>What a PasswordHasher hash looks like (base64 of a format byte, then salt and subkey).</summary>
internal static class PasswordHashes
{
    public static bool LooksValid(string? hash)
    {
        if (string.IsNullOrWhiteSpace(hash)) return false;
        var bytes = new byte[hash.Length];
        // 0x01: the current (v3, PBKDF2) format; 0x00: v2, which the hasher still verifies.
        return Convert.TryFromBase64String(hash.Trim(), bytes, out var length) && length >= 17 && bytes[0] is 0x00 or 0x01;
    }
}
