namespace Holler.Domain.Catalog;

[Flags]
internal enum NamePatterns
{
    /// <summary>"Golden Dragon Bistro"</summary>
    Descriptive = 1,
    /// <summary>"Rosa's Taqueria"</summary>
    Possessive = 2,
    /// <summary>"Summit Fitness"</summary>
    Place = 4,
    /// <summary>"The Rusty Anchor" — only where the bare name still says what the place is.</summary>
    Definite = 8,
}

/// <param name="Kinds">Trailing words that say what the business is, so name and category agree.</param>
/// <param name="Weight">Relative share of synthetic businesses, roughly as common as on Yelp.</param>
internal sealed record CategoryNaming(string Category, double Weight, string[] Kinds, NamePatterns Patterns);
