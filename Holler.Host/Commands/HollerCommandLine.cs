using System.CommandLine;

namespace Holler.Host.Commands;

/// <summary>Running a command line the way the executable does (Program.cs lists the commands).</summary>
public static class HollerCommandLine
{
    /// <summary>
    /// Runs a command line. A line that does not parse (unknown command or option, missing argument) is bad usage:
    /// exit code 2 and one line per problem, the same code as a bad setting.
    /// </summary>
    public static async Task<int> InvokeAsync(RootCommand root, string[] args, InvocationConfiguration configuration, CancellationToken token = default)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count == 0) return await parse.InvokeAsync(configuration, token);
        var command = string.Join(' ', parse.CommandResult.Command == root
            ? ["holler"]
            : new[] { "holler" }.Concat(Path(parse.CommandResult)));
        foreach (var error in parse.Errors) await configuration.Error.WriteLineAsync($"holler: {error.Message} (see '{command} --help')");
        return ExitCodes.BadConfiguration;
    }

    private static IEnumerable<string> Path(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (var r = result; r?.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent) names.Push(r.Command.Name);
        return names;
    }
}
