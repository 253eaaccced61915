using System.CommandLine;
using System.Text;
using Holler.Host.Commands;
using Holler.Host.Commands.Operator;

namespace Holler.Tests.Support;

/// <summary>
/// Operator commands run in the test's process through the same entry point as the executable (parse, exit codes,
/// output), for the commands that go on until Ctrl-C (cancelling the token is Ctrl-C) and to save process starts.
/// </summary>
public static class OperatorCli
{
    public static async Task<HollerProcess.Result> RunAsync(string[] args)
    {
        var output = new RecordingWriter();
        var error = new RecordingWriter();
        var code = await StartAsync(args, output, error, TestContext.Current.CancellationToken);
        return new HollerProcess.Result(code, output.Text, error.Text);
    }

    /// <summary>Starts a command whose output can be read while it runs.</summary>
    public static Task<int> StartAsync(string[] args, RecordingWriter output, RecordingWriter error, CancellationToken token) =>
        Task.Run(() => HollerCommandLine.InvokeAsync(OperatorCommands(), args,
            new InvocationConfiguration { Output = output, Error = error }, token), CancellationToken.None);

    private static RootCommand OperatorCommands() =>
    [
        ClusterCommand.Create(),
        ShardingCommand.Create(),
        TopCommand.Create(),
        BusinessCommand.Create(),
        IngestCommand.Create(),
        AlertsCommand.Create(),
    ];
}

/// <summary>A text writer that can be read from another thread while a command writes to it.</summary>
public sealed class RecordingWriter : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get { lock (_text) return _text.ToString(); }
    }

    public override void Write(char value)
    {
        lock (_text) _text.Append(value);
    }

    public override void Write(string? value)
    {
        lock (_text) _text.Append(value);
    }
}
