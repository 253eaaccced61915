using System.Diagnostics;
using System.Text;

namespace Holler.Tests.Support;

/// <summary>A <c>holler run</c> node in its own process, for tests that need a node to die abruptly (SIGKILL).</summary>
public sealed class BackgroundHoller : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<string> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BackgroundHoller(Process process)
    {
        _process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr) _stderr.AppendLine(e.Data);
            // The banner's "cluster      akka.tcp://holler@127.0.0.1:port …" line.
            var line = e.Data.Trim();
            if (line.StartsWith("cluster ", StringComparison.Ordinal)) _address.TrySetResult(line["cluster ".Length..].Trim().Split(' ')[0]);
        };
        process.OutputDataReceived += (_, _) => { };
        process.Exited += (_, _) => _address.TrySetException(new InvalidOperationException($"holler run exited early: {Stderr}"));
    }

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>Starts the node and waits for its start-up banner; returns once it has its cluster address.</summary>
    public static async Task<(BackgroundHoller Node, string ClusterAddress)> StartAsync(IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "holler.dll"));
        start.ArgumentList.Add("run");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new BackgroundHoller(process);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            return (node, await node._address.Task.WaitAsync(timeout));
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: no leave, no hand-off; the cluster sees the node become unreachable.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
