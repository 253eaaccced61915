namespace Holler.Host.Commands;

/// <summary>Exit codes scripts can rely on (the README lists them).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Something failed at run time (broker unreachable for good, a node that could not start), or an operator
    /// command's target does not exist (unknown member, business, shard type) or its operation failed.</summary>
    public const int Failed = 1;
    /// <summary>Bad configuration or bad input: the message names the setting, the flag or the line.</summary>
    public const int BadConfiguration = 2;
    /// <summary>Operator commands: no node answered at --node (refused, timed out, not a Holler operator endpoint).</summary>
    public const int Unreachable = 3;
    /// <summary>Operator commands: the node refused the operator token (missing or wrong).</summary>
    public const int Unauthorized = 4;
}
