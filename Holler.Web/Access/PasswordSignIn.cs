using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Holler.Web.Access;

/// <summary>The outcome of a password sign-in: a principal, or why not in words safe to show (never which part was wrong).</summary>
public sealed record SignInResult(ClaimsPrincipal? Principal, string? Refusal, bool LockedOut);

/// <summary>Checks a built-in user's password against its hash, with lockout after repeated failures.</summary>
public sealed class PasswordSignIn(WebAccess access, SignInLockout lockout, ILogger<PasswordSignIn> log)
{
    public const string Refused = "Wrong user name or password.";
    public const string Locked = "Too many failed sign-ins: this user is locked out for a while.";

    private static readonly PasswordHasher<string> Hasher = new();

    public SignInResult Check(string? name, string? password, string? remote)
    {
        name = name?.Trim() ?? "";
        var settings = access.Current;
        if (name.Length == 0 || string.IsNullOrEmpty(password)) return new(null, Refused, false);
        if (lockout.LockedUntil(name) is not null)
        {
            log.LogWarning("Refused sign-in of {User} from {Remote}: locked out", name, remote);
            return new(null, Locked, true);
        }
        var verdict = settings.Users.TryGetValue(name, out var user)
            ? Hasher.VerifyHashedPassword(name, user.PasswordHash, password)
            : PasswordVerificationResult.Failed;
        if (verdict == PasswordVerificationResult.Failed || user is null)
        {
            var lockedNow = lockout.Failed(name, settings.Lockout);
            log.LogWarning("Refused sign-in of {User} from {Remote}: wrong password{Locked}", name, remote,
                lockedNow ? $"; locked out for {settings.Lockout.Duration}" : "");
            return new(null, lockedNow ? Locked : Refused, lockedNow);
        }
        lockout.Succeeded(name);
        return new(HollerPrincipal.Create(user.Name, user.Role, user.Businesses, "password", AccessSetup.CookieScheme), null, false);
    }

    /// <summary>A hash for <c>holler users add</c>: the same hasher that checks it.</summary>
    public static string Hash(string name, string password) => Hasher.HashPassword(name, password);
}
