using System.CommandLine;
using System.Text.Json;
using Holler.Host.Operator.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Holler.Host.Commands.Operator;

/// <summary>One operator command being run: the node's client, where output goes, and whether it is JSON.</summary>
public sealed class OperatorCall(OperatorClient client, bool json, TextWriter output)
{
    public OperatorClient Client { get; } = client;
    public bool Json { get; } = json;
    public TextWriter Out { get; } = output;
    public IAnsiConsole Console { get; } = CreateConsole(output);

    /// <summary>True when output goes to a terminal that can redraw (live tables); false when piped or captured.</summary>
    public bool Interactive => Console.Profile.Capabilities.Interactive && Console.Profile.Capabilities.Ansi;

    /// <summary>The document as <c>--json</c> prints it: the API's shape, indented.</summary>
    public void WriteJson<T>(T document)
    {
        Out.WriteLine(JsonSerializer.Serialize(document, OperatorJson.Indented));
        Out.Flush();
    }

    /// <summary>One document per line (NDJSON), for commands that go on: tail, top.</summary>
    public void WriteJsonLine<T>(T document)
    {
        Out.WriteLine(JsonSerializer.Serialize(document, OperatorJson.Options));
        Out.Flush();
    }

    public void Write(IRenderable renderable)
    {
        Console.Write(renderable);
        Out.Flush();
    }

    public void WriteLine(string text)
    {
        Out.WriteLine(text);
        Out.Flush();
    }

    /// <summary>A table whose cells are plain text: business names may hold Spectre markup characters like '['.</summary>
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            var c = new TableColumn(Markup.Escape(column));
            if (column.StartsWith(' ')) c.RightAligned();
            table.AddColumn(c);
        }
        return table;
    }

    public static void AddRow(Table table, params string?[] cells) => table.AddRow(cells.Select(c => (IRenderable)new Text(c ?? "")).ToArray());

    private static IAnsiConsole CreateConsole(TextWriter output)
    {
        var terminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        // Piped or captured output has no width; akka addresses and business names should not wrap.
        if (!terminal) console.Profile.Width = 200;
        return console;
    }
}

/// <summary>The options every operator command takes, and the wrapper that turns failures into one line and an exit code.</summary>
public sealed class OperatorOptions
{
    public const string TokenVariable = "HOLLER_OPERATOR__TOKEN";

    public Option<string> Node { get; } = new("--node", "-n")
    {
        Description = "The node's operator endpoint, host:port",
        DefaultValueFactory = _ => NodeAddress.Default,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"Bearer token of the operator endpoint (default: ${TokenVariable})",
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Machine-readable JSON instead of tables (shapes: docs/operator-api.md)" };

    public static Command Create(string name, string description, Func<OperatorCall, ParseResult, CancellationToken, Task<int>> action,
        params Symbol[] symbols)
    {
        var options = new OperatorOptions();
        var command = new Command(name, description) { options.Node, options.Token, options.Json };
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument a: command.Arguments.Add(a); break;
                case Option o: command.Options.Add(o); break;
            }
        }
        command.SetAction(async (parse, token) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!NodeAddress.TryParse(parse.GetValue(options.Node), out var node, out var problem))
            {
                await error.WriteLineAsync($"holler: --node: {problem}");
                return ExitCodes.BadConfiguration;
            }
            var bearer = parse.GetValue(options.Token) ?? Environment.GetEnvironmentVariable(TokenVariable);
            using var client = new OperatorClient(node, bearer);
            try
            {
                return await action(new OperatorCall(client, parse.GetValue(options.Json), parse.InvocationConfiguration.Output), parse, token);
            }
            catch (OperatorException e)
            {
                await error.WriteLineAsync($"holler: {e.Message}");
                return e.ExitCode;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Ctrl-C ends tail and top: that is how they are meant to stop.
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
