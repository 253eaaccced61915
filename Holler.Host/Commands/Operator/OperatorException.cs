namespace Holler.Host.Commands.Operator;

/// <summary>An operator command that cannot go on: the one-line message for standard error and the exit code.</summary>
public sealed class OperatorException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
