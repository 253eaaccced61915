namespace Holler.Host.Configuration;

public sealed class CatalogOptionsSection
{
    public int Businesses { get; set; } = 200_000;
    public int Seed { get; set; } = 42;
    /// <summary>Path to the Yelp Open Dataset's business.json to use real names and places instead of synthetic ones.</summary>
    public string YelpFile { get; set; } = "";

    public void Validate(List<string> errors)
    {
        if (Businesses is < 1 or > 10_000_000) errors.Add($"Catalog:Businesses must be between 1 and 10000000, was {Businesses}");
        if (!string.IsNullOrWhiteSpace(YelpFile) && !File.Exists(YelpFile))
            errors.Add($"Catalog:YelpFile: '{YelpFile}' does not exist");
    }
}
