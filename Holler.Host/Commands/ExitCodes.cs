namespace Holler.Host.Commands;

/// <summary>Exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Something failed at run time (broker unreachable for good, a node that could not start).</summary>
    public const int Failed = 1;
    /// <summary>Bad configuration or bad input: the message names the setting or the line.</summary>
    public const int BadConfiguration = 2;
}
