using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Holler.Host.Commands.Bench;

/// <summary>What the alerts scenario's webhook receiver does with a connection.</summary>
public enum ReceiverMode
{
    /// <summary>Reads the request and answers 200.</summary>
    Answering,
    /// <summary>Accepts the connection and never reads or answers: the sender waits out its timeout.</summary>
    Silent,
    /// <summary>Not listening: connections are refused at once.</summary>
    Refusing,
}

/// <summary>
/// A minimal HTTP/1.1 receiver on a loopback port that can answer, hang or refuse on demand — the three ways a webhook
/// receiver fails that matter to the sender. Counts the requests it answered.
/// </summary>
public sealed class BenchReceiver : IAsyncDisposable
{
    private TcpListener? _listener;
    private readonly List<TcpClient> _held = [];
    // Kept-alive connections being answered: a receiver that starts failing fails on them too, not only on new ones.
    private readonly HashSet<TcpClient> _answering = [];
    private readonly CancellationTokenSource _stop = new();
    private long _answered;
    private ReceiverMode _mode = ReceiverMode.Answering;

    private BenchReceiver(int port) => Port = port;

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/hook";
    public long Answered => Interlocked.Read(ref _answered);

    public static BenchReceiver Start()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var receiver = new BenchReceiver(port);
        receiver.Listen();
        return receiver;
    }

    public ReceiverMode Mode
    {
        get => _mode;
        set
        {
            if (value == _mode) return;
            if (_mode == ReceiverMode.Refusing) Listen();
            _mode = value;
            if (value == ReceiverMode.Refusing) StopListening();
            if (value != ReceiverMode.Silent) ReleaseHeld();
            if (value != ReceiverMode.Answering)
                lock (_answering)
                {
                    foreach (var client in _answering) client.Dispose();
                    _answering.Clear();
                }
        }
    }

    private void Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptLoopAsync(listener);
    }

    private void StopListening()
    {
        _listener?.Stop();
        _listener = null;
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is ObjectDisposedException or SocketException or OperationCanceledException or InvalidOperationException) { return; }
            if (_mode == ReceiverMode.Silent)
            {
                lock (_held) _held.Add(client);
                continue;
            }
            _ = AnswerAsync(client);
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        lock (_answering) _answering.Add(client);
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[64 * 1024];
                while (!_stop.IsCancellationRequested)
                {
                    // One request: headers, then Content-Length bytes of body.
                    var received = new StringBuilder();
                    int headerEnd;
                    var bodyRead = 0;
                    while ((headerEnd = received.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) < 0)
                    {
                        var n = await stream.ReadAsync(buffer, _stop.Token);
                        if (n == 0) return;
                        received.Append(Encoding.Latin1.GetString(buffer, 0, n));
                    }
                    var text = received.ToString();
                    var headers = text[..headerEnd];
                    bodyRead = text.Length - headerEnd - 4;
                    var length = headers.Split("\r\n").Select(h => h.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                        .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                    while (bodyRead < length)
                    {
                        var n = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, length - bodyRead)), _stop.Token);
                        if (n == 0) return;
                        bodyRead += n;
                    }
                    if (_mode != ReceiverMode.Answering) return;
                    await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), _stop.Token);
                    Interlocked.Increment(ref _answered);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
            finally
            {
                lock (_answering) _answering.Remove(client);
            }
        }
    }

    private void ReleaseHeld()
    {
        lock (_held)
        {
            foreach (var client in _held) client.Dispose();
            _held.Clear();
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        StopListening();
        ReleaseHeld();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
