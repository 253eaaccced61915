using System.Collections.Concurrent;

namespace Holler.Web.Access;

/// <summary>
/// Counts wrong passwords per user name and locks the name out for a while after too many in a row, so a password
/// cannot be guessed at the speed of HTTP. Kept in memory: a restart forgives, and each web node counts its own.
/// Names that are no user are counted too, so a locked-out answer does not tell which names exist.
/// </summary>
public sealed class SignInLockout(TimeProvider clock)
{
    private sealed record Entry(int Failures, DateTimeOffset? LockedUntil);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When the name's lockout ends, or null when it may try.</summary>
    public DateTimeOffset? LockedUntil(string name)
    {
        if (!_entries.TryGetValue(name, out var entry) || entry.LockedUntil is not { } until) return null;
        if (until > clock.GetUtcNow()) return until;
        _entries.TryRemove(new KeyValuePair<string, Entry>(name, entry));
        return null;
    }

    /// <summary>Counts a wrong password; true when this one locked the name out.</summary>
    public bool Failed(string name, LockoutSettings settings)
    {
        var now = clock.GetUtcNow();
        var entry = _entries.AddOrUpdate(name,
            _ => Next(0),
            (_, e) => e.LockedUntil is { } until && until <= now ? Next(0) : Next(e.Failures));
        return entry.LockedUntil is not null && entry.Failures == settings.MaxFailures;

        Entry Next(int failures) => failures + 1 >= settings.MaxFailures
            ? new Entry(failures + 1, now + settings.Duration)
            : new Entry(failures + 1, null);
    }

    public void Succeeded(string name) => _entries.TryRemove(name, out _);
}
