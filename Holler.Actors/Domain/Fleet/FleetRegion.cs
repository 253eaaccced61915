namespace Holler.Domain.Fleet;

/// <summary>
/// Reads a US state and county from a region code in the event contract's shape, <c>US-NY-36061</c> (country, state,
/// five-digit county FIPS code). Anything else (another country, no county) gives what it can, or nothing.
/// </summary>
public static class FleetRegion
{
    public static (string? State, string? County) Parse(string? region)
    {
        if (string.IsNullOrEmpty(region) || !region.StartsWith("US-", StringComparison.Ordinal)) return (null, null);
        var last = region.LastIndexOf('-');
        var code = region.AsSpan(last + 1);
        if (code.Length == 5 && IsDigits(code)) return (code[..2].ToString(), code.ToString());
        return (null, null);
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (c is < '0' or > '9') return false;
        return true;
    }
}
