namespace Holler.Generation;

/// <summary>What an event's optional fields are pinned to, beyond the business's usual mix: an injected surge's
/// platform or page, or an error burst's 5xx share. The default pins nothing.</summary>
/// <param name="Platform">The platform every event gets; null for the usual mix.</param>
/// <param name="Path">The page every event gets; null for the business's usual page popularity.</param>
/// <param name="ErrorShare">The share of 5xx responses; null for the plan's usual share.</param>
public readonly record struct EventShape(string? Platform, string? Path, double? ErrorShare = null)
{
    public static EventShape Usual => new(null, null);
}

/// <summary>Which of a surge's fields are confined to one value, so a drill-down can name what drove it.</summary>
public enum SurgeFocus
{
    /// <summary>The surge's extra events look like the business's usual traffic.</summary>
    None,

    /// <summary>All of the surge's extra events come from one platform.</summary>
    Platform,

    /// <summary>All of them view one page.</summary>
    Path,

    /// <summary>One platform and one page.</summary>
    PlatformAndPath,
}
