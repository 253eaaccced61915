namespace Holler.Domain;

/// <summary>An HTTP status's class (its hundreds digit), the grain at which error shares are watched.</summary>
/// <remarks>The value is the hundreds digit itself, so it is stored in batches and snapshots as is.</remarks>
public enum StatusClass : byte
{
    /// <summary>No status sent, or one outside 100–599.</summary>
    Unknown = 0,
    Informational = 1,
    Success = 2,
    Redirect = 3,
    ClientError = 4,
    ServerError = 5,
}

public static class StatusClasses
{
    /// <summary>Unknown plus 1xx–5xx: the length of an array indexed by <see cref="StatusClass"/>.</summary>
    public const int Count = 6;

    public static StatusClass Of(int status) => status is >= 100 and <= 599 ? (StatusClass)(status / 100) : StatusClass.Unknown;

    public static string Name(this StatusClass c) => c == StatusClass.Unknown ? "unknown" : $"{(int)c}xx";
}
