using System.CommandLine;

namespace Holler.Host.Commands.Operator;

/// <summary>The operator commands, which talk to a running node's operator endpoint (pbm's habits, Holler's endpoint).</summary>
public static class OperatorCommands
{
    public static RootCommand AddTo(RootCommand root)
    {
        root.Subcommands.Add(ClusterCommand.Create());
        root.Subcommands.Add(ShardingCommand.Create());
        root.Subcommands.Add(TopCommand.Create());
        root.Subcommands.Add(BusinessCommand.Create());
        root.Subcommands.Add(IngestCommand.Create());
        return root;
    }

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
