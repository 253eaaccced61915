using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Holler.Tests.Support;

/// <summary>
/// A loopback TCP relay placed between a client and a server, so a test can take the server away from that client
/// alone: <see cref="Cut"/> resets every open connection and refuses new ones (accepted and reset at once) until
/// <see cref="Restore"/>. The server itself, and everyone else using it, goes on undisturbed.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<int, (Socket Client, Socket Server)> _open = new();
    private readonly Task _accepting;
    private volatile bool _cut;
    private int _next;

    public TcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    /// <summary>Connections refused while cut: proof that the client kept trying.</summary>
    public int Refused => Volatile.Read(ref _refused);
    private int _refused;

    public int OpenConnections => _open.Count;

    public void Cut()
    {
        _cut = true;
        foreach (var id in _open.Keys)
            if (_open.TryRemove(id, out var pair)) Reset(pair.Client, pair.Server);
    }

    public void Restore() => _cut = false;

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            if (_cut)
            {
                Interlocked.Increment(ref _refused);
                Reset(client);
                continue;
            }
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try { await server.ConnectAsync(_targetHost, _targetPort, _stop.Token); }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            Reset(client, server);
            return;
        }
        var id = Interlocked.Increment(ref _next);
        _open[id] = (client, server);
        if (_cut && _open.TryRemove(id, out _))
        {
            Reset(client, server);
            return;
        }
        await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        if (_open.TryRemove(id, out _)) Reset(client, server);
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0) return;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException) { }
    }

    /// <summary>Closes with RST rather than FIN: to the client, the server is gone, not politely done.</summary>
    private static void Reset(params Socket[] sockets)
    {
        foreach (var socket in sockets)
        {
            try { socket.LingerState = new LingerOption(true, 0); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
            socket.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Cut();
        try { await _accepting; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
