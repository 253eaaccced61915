namespace Holler.Host.Commands;

/// <summary>How every command says why it stops: one line per problem on standard error, then an exit code scripts can
/// rely on. Lines read "holler &lt;command&gt;: …", or "holler: …" for problems of the node's settings, which name the
/// setting rather than a command's flag.</summary>
public static class CommandFailure
{
    public static int Fail(string? command, string message, int exitCode = ExitCodes.BadConfiguration, TextWriter? error = null) =>
        Fail(command, [message], exitCode, error);

    public static int Fail(string? command, IEnumerable<string> messages, int exitCode = ExitCodes.BadConfiguration,
        TextWriter? error = null)
    {
        error ??= Console.Error;
        var prefix = command is null ? "holler: " : $"holler {command}: ";
        // A message spread over lines would read as several problems, or the rest of it be lost to a grep.
        foreach (var message in messages) error.WriteLine(prefix + message.ReplaceLineEndings(" "));
        return exitCode;
    }
}
