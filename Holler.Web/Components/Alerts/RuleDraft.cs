using Holler.Domain.Alerts;

namespace Holler.Web.Components.Alerts;

/// <summary>The rule editor's form: what a person fills in, turned into an <see cref="AlertRule"/> with every problem
/// found at once — the form's own (text that does not parse) and the domain's (<see cref="AlertRule.Validate"/>).</summary>
public sealed class RuleDraft
{
    public string Name { get; set; } = "";
    public RuleScopeKind ScopeKind { get; set; } = RuleScopeKind.All;
    /// <summary>Business ids, categories or cities, comma-separated; ignored for <see cref="RuleScopeKind.All"/>.</summary>
    public string ScopeValues { get; set; } = "";
    public ConditionKind Condition { get; set; } = ConditionKind.Surge;
    public double MinSeverity { get; set; }
    /// <summary>A rate rule's count and window.</summary>
    public int MinEvents { get; set; } = 100;
    public int WindowSeconds { get; set; } = 60;
    /// <summary>An error-share rule's level, in percent.</summary>
    public double MinErrorSharePercent { get; set; } = 20;
    public int MinDurationSeconds { get; set; }
    /// <summary>0 never reminds.</summary>
    public int RenotifyMinutes { get; set; }
    /// <summary>HH:mm-HH:mm, or empty for none.</summary>
    public string QuietHours { get; set; } = "";
    public IReadOnlyCollection<string> Channels { get; set; } = [];

    /// <summary>The rule, or null with <paramref name="errors"/> saying why. The id comes from the name; the singleton
    /// stamps the creation time.</summary>
    public AlertRule? ToRule(IReadOnlySet<string>? knownChannels, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var name = Name.Trim();
        var values = ScopeValues.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(ScopeKind == RuleScopeKind.Business ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase).ToArray();
        var scope = ScopeKind == RuleScopeKind.All ? RuleScope.All : new RuleScope(ScopeKind, values);
        Holler.Domain.Alerts.QuietHours? quiet = null;
        if (!string.IsNullOrWhiteSpace(QuietHours) && !Holler.Domain.Alerts.QuietHours.TryParse(QuietHours, out quiet, out var problem))
            problems.Add(problem);
        var condition = Condition switch
        {
            ConditionKind.Rate => AlertCondition.Rate(MinEvents, WindowSeconds),
            ConditionKind.ErrorShare => AlertCondition.ErrorShare(MinErrorSharePercent / 100, MinSeverity),
            var kind => new AlertCondition(kind, MinSeverity),
        };
        var rule = new AlertRule(AlertRule.IdFrom(name), name, scope, condition,
            TimeSpan.FromSeconds(MinDurationSeconds), TimeSpan.FromMinutes(RenotifyMinutes), quiet, Channels.ToList(), null, 0);
        // A name of symbols only makes an empty id; say so about the name rather than the id the person never typed.
        problems.AddRange(name.Length > 0 && rule.Id.Length == 0
            ? rule.Validate(knownChannels).Where(e => !e.StartsWith("rule id", StringComparison.Ordinal)).Prepend("the name needs a letter or digit")
            : rule.Validate(knownChannels));
        errors = problems;
        return problems.Count == 0 ? rule : null;
    }
}
