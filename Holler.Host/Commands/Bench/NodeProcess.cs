using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace Holler.Host.Commands.Bench;

/// <summary>
/// A <c>holler run</c> node in a process of its own, started from this very executable, so a benchmark can SIGKILL
/// it and start it again around a broker and a producer that live on in the benchmark's process.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private NodeProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public static NodeProcess Start(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // Run as `dotnet holler.dll` (tests) the process is dotnet and the assembly its first argument; run as the
        // apphost (`holler`, `./build.sh bench`) it is the executable itself.
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("the benchmark's own executable is unknown");
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            start.ArgumentList.Add(Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("no entry assembly"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new NodeProcess(process);
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        // The tail is for error messages only.
        while (_lines.Count > 200) _lines.TryDequeue(out _);
    }

    /// <summary>SIGKILL: the node dies at once, committing nothing and leaving nothing.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: false);
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
    }

    public string Tail(int lines = 15) => string.Join(" | ", _lines.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
