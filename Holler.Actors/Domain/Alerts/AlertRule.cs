using System.Text.RegularExpressions;

namespace Holler.Domain.Alerts;

/// <summary>What to alert on, for which businesses, and whom to tell.</summary>
/// <param name="Id">Stable, url-safe id (lower-case letters, digits, '-', '_'); commands name the rule by it.</param>
/// <param name="MinDuration">How long the condition must hold before the alert fires (until then it is pending).</param>
/// <param name="RenotifyInterval">While an alert fires unacknowledged, remind this often; zero never reminds.</param>
/// <param name="QuietHours">When, in each business's local time, firing notifications wait; null for none.</param>
/// <param name="Channels">Names of the configured channels (Alerts:Channels:NAME) notifications go to.</param>
/// <param name="MutedUntilMs">Until when (Unix ms) the rule notifies nobody; null when not muted.</param>
public sealed partial record AlertRule(
    string Id,
    string Name,
    RuleScope Scope,
    AlertCondition Condition,
    TimeSpan MinDuration,
    TimeSpan RenotifyInterval,
    QuietHours? QuietHours,
    IReadOnlyList<string> Channels,
    long? MutedUntilMs,
    long CreatedMs)
{
    public const int MaxIdLength = 64;
    public const int MaxNameLength = 200;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    public bool MutedAt(long nowMs) => MutedUntilMs is { } until && until > nowMs;

    /// <summary>A rule id made from a name: lower case, runs of anything else as one '-'.</summary>
    public static string IdFrom(string name)
    {
        var id = NonIdCharacters().Replace(name.Trim().ToLowerInvariant(), "-").Trim('-');
        return id.Length > MaxIdLength ? id[..MaxIdLength].TrimEnd('-') : id;
    }

    public static bool IsValidId(string id) => id.Length is > 0 and <= MaxIdLength && IdPattern().IsMatch(id);

    /// <summary>Every problem with the rule, one line each. <paramref name="knownChannels"/> null accepts any channel
    /// name (the node cannot see which are configured).</summary>
    public IReadOnlyList<string> Validate(IReadOnlySet<string>? knownChannels)
    {
        var errors = new List<string>();
        if (!IsValidId(Id)) errors.Add($"rule id '{Id}' must be 1–{MaxIdLength} of a-z, 0-9, '-', '_'");
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > MaxNameLength) errors.Add($"rule name must be 1–{MaxNameLength} characters");
        if (Scope.Kind != RuleScopeKind.All && Scope.Values.Count == 0) errors.Add($"scope {Scope.Kind.ToString().ToLowerInvariant()} needs at least one value");
        errors.AddRange(Condition.Validate());
        if (MinDuration < TimeSpan.Zero || MinDuration > MaxDuration) errors.Add($"minimum duration must be between 0 and {MaxDuration.TotalDays:0} days");
        if (RenotifyInterval != TimeSpan.Zero && (RenotifyInterval < TimeSpan.FromMinutes(1) || RenotifyInterval > MaxDuration))
            errors.Add($"re-notify interval must be 0 (never) or between 1 minute and {MaxDuration.TotalDays:0} days");
        if (Channels.Count == 0) errors.Add("a rule needs at least one channel");
        foreach (var channel in Channels)
        {
            if (string.IsNullOrWhiteSpace(channel)) errors.Add("channel names must not be empty");
            else if (knownChannels is not null && !knownChannels.Contains(channel))
                errors.Add(knownChannels.Count == 0
                    ? $"unknown channel '{channel}': no channels are configured (Alerts:Channels:NAME)"
                    : $"unknown channel '{channel}' (configured: {string.Join(", ", knownChannels.Order(StringComparer.Ordinal))})");
        }
        return errors;
    }

    [GeneratedRegex("[^a-z0-9_]+")]
    private static partial Regex NonIdCharacters();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex IdPattern();
}
