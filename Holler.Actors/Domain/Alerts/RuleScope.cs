namespace Holler.Domain.Alerts;

public enum RuleScopeKind
{
    All,
    Business,
    Category,
    City,
}

/// <summary>Which businesses a rule watches: all of them, some by id, those of some categories, or those of some cities
/// or metro areas. Names compare without regard to case.</summary>
public sealed record RuleScope(RuleScopeKind Kind, IReadOnlyList<string> Values)
{
    public static RuleScope All { get; } = new(RuleScopeKind.All, []);

    public bool Matches(BusinessFacts business) => Kind switch
    {
        RuleScopeKind.All => true,
        RuleScopeKind.Business => Values.Contains(business.Id, StringComparer.Ordinal),
        RuleScopeKind.Category => business.Category is { } category && Values.Contains(category, StringComparer.OrdinalIgnoreCase),
        RuleScopeKind.City => Values.Any(v => string.Equals(v, business.City, StringComparison.OrdinalIgnoreCase)
                                              || string.Equals(v, business.Metro, StringComparison.OrdinalIgnoreCase)),
        _ => false,
    };

    /// <summary>Reads <c>all</c>, <c>business:ID[,ID…]</c>, <c>category:NAME[,NAME…]</c> or <c>city:NAME[,NAME…]</c>.</summary>
    public static bool TryParse(string? text, out RuleScope scope, out string problem)
    {
        scope = All;
        problem = "";
        text = text?.Trim() ?? "";
        if (text.Equals("all", StringComparison.OrdinalIgnoreCase)) return true;
        var colon = text.IndexOf(':');
        var kind = colon < 0 ? "" : text[..colon].Trim().ToLowerInvariant();
        var values = colon < 0 ? [] : text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        RuleScopeKind? parsed = kind switch
        {
            "business" or "businesses" => RuleScopeKind.Business,
            "category" => RuleScopeKind.Category,
            "city" or "metro" => RuleScopeKind.City,
            _ => null,
        };
        if (parsed is null || values.Length == 0)
        {
            problem = $"'{text}' is not a scope: all, business:ID[,ID…], category:NAME[,NAME…] or city:NAME[,NAME…]";
            return false;
        }
        scope = new RuleScope(parsed.Value, values.Distinct(parsed == RuleScopeKind.Business ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase).ToArray());
        return true;
    }

    public override string ToString() => Kind == RuleScopeKind.All
        ? "all"
        : $"{Kind.ToString().ToLowerInvariant()}:{string.Join(',', Values)}";
}
