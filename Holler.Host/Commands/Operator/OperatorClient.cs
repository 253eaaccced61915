using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Holler.Host.Operator.Api;

namespace Holler.Host.Commands.Operator;

/// <summary>
/// Talks to one node's operator API and turns every way that can fail into an <see cref="OperatorException"/> with
/// the exit code scripts rely on: 3 when nothing (or no Holler) answers, 4 when the token is refused, 1 when the node
/// says the operation failed or its target does not exist, 2 when it says the request was bad.
/// </summary>
public sealed class OperatorClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly bool _hasToken;

    public OperatorClient(Uri node, string? token, TimeSpan? timeout = null)
    {
        Node = NodeAddress.Display(node);
        _timeout = timeout ?? TimeSpan.FromSeconds(15);
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = node,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _hasToken = !string.IsNullOrWhiteSpace(token);
        if (_hasToken) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.Trim());
    }

    /// <summary>host:port of the node asked.</summary>
    public string Node { get; }

    public Task<T> GetAsync<T>(string path, CancellationToken token) =>
        SendAsync<T>(() => new HttpRequestMessage(HttpMethod.Get, path), token);

    public Task<T> PostAsync<T>(string path, object? body, CancellationToken token) =>
        SendAsync<T>(() => new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = JsonContent.Create(body ?? new { }, options: OperatorJson.Options),
        }, token);

    public Task<T> DeleteAsync<T>(string path, CancellationToken token) =>
        SendAsync<T>(() => new HttpRequestMessage(HttpMethod.Delete, path), token);

    /// <summary>Reads an NDJSON stream item by item until the node ends it or <paramref name="token"/> is cancelled.</summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(string path, [EnumeratorCancellation] CancellationToken token)
    {
        using var response = await OpenAsync(() => new HttpRequestMessage(HttpMethod.Get, path), token);
        await using var body = await response.Content.ReadAsStreamAsync(token);
        using var reader = new StreamReader(body);
        while (await ReadLineAsync(reader, token) is { } line)
        {
            if (line.Length == 0) continue;
            yield return Deserialize<T>(line);
        }
    }

    private async Task<string?> ReadLineAsync(StreamReader reader, CancellationToken token)
    {
        try { return await reader.ReadLineAsync(token); }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new OperatorException(ExitCodes.Unreachable, $"lost the connection to {Node}: {e.GetBaseException().Message}");
        }
    }

    private async Task<T> SendAsync<T>(Func<HttpRequestMessage> request, CancellationToken token)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(_timeout);
        using var response = await OpenAsync(request, token, timeout.Token);
        try
        {
            return Deserialize<T>(await response.Content.ReadAsStringAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            throw new OperatorException(ExitCodes.Unreachable, $"{Node} did not answer within {_timeout.TotalSeconds:0} s");
        }
    }

    private async Task<HttpResponseMessage> OpenAsync(Func<HttpRequestMessage> request, CancellationToken token, CancellationToken? headersBy = null)
    {
        HttpResponseMessage response;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(headersBy ?? token);
        timeout.CancelAfter(_timeout);
        try
        {
            using var message = request();
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (HttpRequestException e)
        {
            throw new OperatorException(ExitCodes.Unreachable,
                $"cannot reach a Holler node at {Node} ({Reason(e)}); is one running there? (--node host:port)");
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            throw new OperatorException(ExitCodes.Unreachable, $"{Node} did not answer within {_timeout.TotalSeconds:0} s");
        }
        if (response.IsSuccessStatusCode) return response;
        using (response) throw await FailureAsync(response, token);
    }

    private async Task<OperatorException> FailureAsync(HttpResponseMessage response, CancellationToken token)
    {
        string? error = null;
        try
        {
            var text = await response.Content.ReadAsStringAsync(token);
            error = JsonSerializer.Deserialize<ApiError>(text, OperatorJson.Options)?.Error;
        }
        catch (JsonException) { }
        catch (HttpRequestException) { }

        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var hint = _hasToken ? "check --token or HOLLER_OPERATOR__TOKEN" : "it needs one: --token or HOLLER_OPERATOR__TOKEN";
            return new OperatorException(ExitCodes.Unauthorized, $"{Node} refused the operator token (HTTP 401); {hint}");
        }
        // A token that is right but may not do this (a read token asked to down a member).
        if (response.StatusCode == HttpStatusCode.Forbidden)
            return new OperatorException(ExitCodes.Unauthorized, $"{Node} refused: {error ?? "the token's scopes do not allow this"} (HTTP 403)");
        if (string.IsNullOrEmpty(error))
            return new OperatorException(ExitCodes.Unreachable, $"{Node} is not a Holler operator endpoint (HTTP {status} without an operator error)");
        var code = response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType ? ExitCodes.BadConfiguration : ExitCodes.Failed;
        return new OperatorException(code, error);
    }

    private T Deserialize<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, OperatorJson.Options)
                   ?? throw new OperatorException(ExitCodes.Unreachable, $"{Node} answered with an empty document");
        }
        catch (JsonException e)
        {
            throw new OperatorException(ExitCodes.Unreachable, $"{Node} is not a Holler operator endpoint (unreadable answer: {e.Message})");
        }
    }

    private static string Reason(HttpRequestException e) => e.GetBaseException() switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => "unknown host",
        SocketException s => s.SocketErrorCode.ToString(),
        TimeoutException => "connection timed out",
        var other => other.Message,
    };

    public void Dispose() => _http.Dispose();
}
