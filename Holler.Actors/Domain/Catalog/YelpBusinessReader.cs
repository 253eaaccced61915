using System.Text.Json;

namespace Holler.Domain.Catalog;

/// <summary>Reads the Yelp Open Dataset's business.json: one JSON object per line.</summary>
internal static class YelpBusinessReader
{
    public const string Uncategorized = "Uncategorized";

    public static (List<BusinessInfo> Businesses, int SkippedLines) Read(TextReader jsonLines)
    {
        var businesses = new List<BusinessInfo>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var skipped = 0;
        while (jsonLines.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            // A duplicate id would make lookups ambiguous; the first one wins, like a bad line the rest is counted.
            if (TryParse(line) is { } business && seen.Add(business.Id)) businesses.Add(business);
            else skipped++;
        }
        return (businesses, skipped);
    }

    private static BusinessInfo? TryParse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var id = String(root, "business_id");
            if (string.IsNullOrEmpty(id)) return null;
            if (!Number(root, "latitude", out var latitude) || !Number(root, "longitude", out var longitude)) return null;
            if (latitude is < -90 or > 90 || longitude is < -180 or > 180) return null;
            return new BusinessInfo(id, String(root, "name") ?? id, FirstCategory(String(root, "categories")),
                String(root, "city") ?? "", latitude, longitude);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string FirstCategory(string? categories)
    {
        if (string.IsNullOrWhiteSpace(categories)) return Uncategorized;
        var comma = categories.IndexOf(',');
        var first = (comma < 0 ? categories : categories[..comma]).Trim();
        return first.Length == 0 ? Uncategorized : first;
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Number(JsonElement root, string name, out double number)
    {
        number = 0;
        return root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out number);
    }
}
