using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Holler.Domain.Alerts;

namespace Holler.Alerts.Channels;

/// <summary>
/// Webhook and Slack channels: one POST per attempt through an <see cref="HttpClient"/> whose connections open only
/// through <see cref="GuardedConnector"/>. Redirects are not followed (a 3xx fails the send: a receiver must not steer
/// alerts elsewhere), the attempt is bounded by the delivery timeout, and the response body is never read.
/// </summary>
public sealed class HttpChannelSender : IDisposable
{
    public const string IdempotencyHeader = "Idempotency-Key";

    private readonly HttpClient _client;
    private readonly TimeProvider _clock;

    public HttpChannelSender(DeliverySettings settings, TimeProvider clock)
    {
        _clock = clock;
        var allowPrivate = settings.AllowPrivateTargets;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = settings.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = async (context, ct) =>
            {
                var socket = await GuardedConnector.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, allowPrivate, ct);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        _client = new HttpClient(handler) { Timeout = settings.Timeout };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Holler-Alerts", "1"));
    }

    public Task<SendOutcome> SendWebhookAsync(ChannelSettings channel, Notification n, CancellationToken ct)
    {
        var body = WebhookPayload.Build(n);
        var headers = new Dictionary<string, string> { [IdempotencyHeader] = n.IdempotencyKey };
        // Signed at each attempt: the timestamp is the attempt's, so receivers' replay windows stay short.
        if (channel.Secret is { } secret)
            headers[WebhookSignature.Header] = WebhookSignature.Sign(secret.Reveal(), _clock.GetUtcNow().ToUnixTimeSeconds(), body);
        return PostAsync(channel, body, headers, ct);
    }

    public Task<SendOutcome> SendSlackAsync(ChannelSettings channel, Notification n, CancellationToken ct) =>
        PostAsync(channel, SlackPayload.Build(n), new Dictionary<string, string>(), ct);

    private async Task<SendOutcome> PostAsync(ChannelSettings channel, string body, Dictionary<string, string> headers, CancellationToken ct)
    {
        if (channel.Url is null) return SendOutcome.Fail("the channel has no Url");
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return Classify(response);
        }
        catch (Exception e) when (Find<TargetRefusedException>(e) is { } refused)
        {
            return SendOutcome.Fail($"refused: {refused.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendOutcome.Retry($"no answer within {_client.Timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            return SendOutcome.Retry(Describe(e));
        }
    }

    private static SendOutcome Classify(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        if (code is >= 200 and < 300) return SendOutcome.Success;
        if (code is >= 300 and < 400) return SendOutcome.Fail($"HTTP {code}: redirects are not followed");
        if (code is 408 or 425 or 429 or >= 500)
            return SendOutcome.Retry($"HTTP {code}", response.Headers.RetryAfter?.Delta);
        return SendOutcome.Fail($"HTTP {code}: the receiver rejected the request");
    }

    // The innermost message says what failed ("Connection refused"); HttpClient's outer one only that a request did.
    private static string Describe(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return inner.Message.ReplaceLineEndings(" ");
    }

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException) if (e is T found) return found;
        return null;
    }

    public void Dispose() => _client.Dispose();
}
