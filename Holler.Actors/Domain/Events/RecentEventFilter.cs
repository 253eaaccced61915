namespace Holler.Domain;

/// <summary>Which recent events to show: any of the conditions left null matches everything.</summary>
/// <param name="PathPrefix">Matched at the start of the path, ignoring case: people type paths as they remember them,
/// and a prefix lets <c>/biz/x/menu</c> find <c>/biz/x/menu/lunch</c> too.</param>
public sealed record RecentEventFilter(Platform? Platform = null, StatusClass? Status = null, string? PathPrefix = null)
{
    public static RecentEventFilter All { get; } = new();

    public bool Matches(in RecentEvent e) =>
        (Platform is not { } platform || e.Platform == platform)
        && (Status is not { } status || e.Status == status)
        && (string.IsNullOrEmpty(PathPrefix) || (e.Path?.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase) ?? false));
}
