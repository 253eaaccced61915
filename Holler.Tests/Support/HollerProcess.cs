using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Holler.Tests.Support;

/// <summary>
/// The real <c>holler</c> executable (built next to the tests) in a process of its own: run to completion
/// (<see cref="RunAsync"/>), or started to run on (<see cref="Start"/>) so a test can SIGKILL or SIGTERM it. A running
/// one's output is kept line by line so a test can wait for a line and print the tail when something goes wrong.
/// </summary>
public sealed class HollerProcess : IAsyncDisposable
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<string> _firstStdoutLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HollerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>Everything written so far, standard error and output interleaved as received.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    public Task<string> FirstStdoutLine => _firstStdoutLine.Task;

    private static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "holler.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return start;
    }

    /// <summary>Runs a command to the end and returns its exit code and output.</summary>
    public static async Task<Result> RunAsync(IEnumerable<string> args, string? stdin = null, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(args, environment, workingDirectory))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"holler {string.Join(' ', args)} did not finish; stderr so far: {await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a command that runs until stopped (a node, the broker); <paramref name="name"/> labels its lines.</summary>
    public static HollerProcess Start(string name, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = new Process { StartInfo = StartInfo(args, environment), EnableRaisingEvents = true };
        var node = new HollerProcess(name, process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            node._firstStdoutLine.TrySetResult(e.Data);
            node._lines.Enqueue(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) node._lines.Enqueue(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits until a line matching <paramref name="match"/> has been written; fails if the process exits first.</summary>
    public async Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_lines.Any(match))
        {
            if (_process.HasExited && !_lines.Any(match))
                Assert.Fail($"{Name} exited ({_process.ExitCode}) before {what}:\n{Tail()}");
            if (DateTime.UtcNow > deadline) Assert.Fail($"{Name}: no {what} within {timeout}:\n{Tail()}");
            await Task.Delay(100);
        }
    }

    /// <summary>A <c>holler run</c> node's cluster address, from its start-up banner's
    /// "cluster      akka.tcp://holler@127.0.0.1:port …" line.</summary>
    public async Task<string> ClusterAddressAsync(TimeSpan timeout)
    {
        static bool IsBannerLine(string line) => line.Trim().StartsWith("cluster ", StringComparison.Ordinal);
        await WaitForLineAsync(IsBannerLine, timeout, "start-up banner");
        return _lines.First(IsBannerLine).Trim()["cluster ".Length..].Trim().Split(' ')[0];
    }

    /// <summary>SIGKILL: the process dies at once, with no chance to leave the cluster or commit anything.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    /// <summary>SIGTERM: what an orchestrator sends to stop a node gracefully.</summary>
    public void Terminate()
    {
        if (SendSignal(_process.Id, SigTerm) != 0) throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastWin32Error()}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { Assert.Fail($"{Name} did not exit within {timeout}:\n{Tail()}"); }
        return _process.ExitCode;
    }

    public string Tail(int lines = 40) => string.Join('\n', _lines.TakeLast(lines).Select(l => $"  [{Name}] {Truncate(l)}"));

    private static string Truncate(string line) => line.Length <= 400 ? line : line[..400] + "…";

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { }
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
