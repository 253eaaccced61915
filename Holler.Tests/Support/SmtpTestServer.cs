using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Holler.Tests.Support;

/// <summary>
/// A real SMTP server, Debian's aiosmtpd (<c>python3 -m aiosmtpd</c>, package <c>python3-aiosmtpd</c>, installed by
/// <c>.ci/run</c>), on a loopback port of its own, storing what it accepts in a Maildir that is read back and parsed.
/// </summary>
/// <remarks>
/// Debian's interpreter is named by path: a developer's PATH may put another Python first (pyenv) that lacks the
/// module. aiosmtpd's Mailbox handler writes a message before answering the DATA command, so a message the client saw
/// accepted is already on disk.
/// </remarks>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private const string ListeningLine = "Server is listening on";
    private const int PortAttempts = 5;

    private readonly Process _process;
    private readonly TempDir _dir;

    private SmtpTestServer(Process process, TempDir dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    private string Maildir => Path.Combine(_dir.Path, "maildir");

    /// <summary>Every message accepted so far, parsed, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages
    {
        get
        {
            var arrived = Path.Combine(Maildir, "new");
            if (!Directory.Exists(arrived)) return [];
            // Maildir names start with the delivery's Unix time and a per-process counter: name order is arrival order.
            return Directory.GetFiles(arrived).Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList();
        }
    }

    public static async Task<SmtpTestServer> StartAsync()
    {
        if (!File.Exists(Python))
            throw new InvalidOperationException($"{Python} is missing: the email tests run Debian's aiosmtpd (apt-get install python3-aiosmtpd; .ci/run does)");
        var failures = new List<string>();
        // A port found free can be taken by someone else before aiosmtpd binds it; that shows as an exit naming the
        // address in use, and only then is another port tried.
        for (var attempt = 0; attempt < PortAttempts; attempt++)
        {
            var dir = new TempDir();
            var port = FreeLoopbackPort();
            var process = Start(port, Path.Combine(dir.Path, "maildir"));
            var outcome = await ListeningOrExitedAsync(process);
            if (outcome is null) return new SmtpTestServer(process, dir, port);
            await StopAsync(process);
            dir.Dispose();
            failures.Add(outcome);
            if (!outcome.Contains("address already in use", StringComparison.OrdinalIgnoreCase)) break;
        }
        throw new InvalidOperationException("aiosmtpd did not start: " + string.Join(" | ", failures)
            + " (apt-get install python3-aiosmtpd; .ci/run does)");
    }

    private static Process Start(int port, string maildir)
    {
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // -n: stay the current user; -d: log at INFO, which includes the "listening" line waited for.
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-d", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir })
            info.ArgumentList.Add(arg);
        return Process.Start(info) ?? throw new InvalidOperationException("could not start " + Python);
    }

    /// <summary>Null once the server says it listens; else why it stopped.</summary>
    private static async Task<string?> ListeningOrExitedAsync(Process process)
    {
        var said = new List<string>();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (said) if (said.Count < 50) said.Add(e.Data);
            if (e.Data.Contains(ListeningLine, StringComparison.Ordinal)) listening.TrySetResult();
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited).WaitAsync(TimeSpan.FromSeconds(30));
        if (first == listening.Task) return null;
        lock (said) return $"exit {process.ExitCode}: " + string.Join(" / ", said.TakeLast(5));
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException) { /* never started or already reaped */ }
        finally { process.Dispose(); }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_process);
        _dir.Dispose();
    }
}
