using System.Collections.Concurrent;
using Holler.Domain.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Holler.Tests.Support;

/// <summary>
/// A real HTTP receiver (Kestrel on loopback) for alert deliveries: it verifies each request's Holler-Signature with
/// the secret it was given, records the Idempotency-Key, and answers as the test sets it up — fail the first N
/// requests, answer a fixed status, redirect, or hold every request until released (a slow receiver).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string? Key, string Body, string? Signature, bool SignatureValid, int Status, string ContentType);

    private readonly WebApplication _app;
    private readonly string? _secret;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;
    private int _inFlight;
    private int _maxInFlight;

    private WebhookReceiver(WebApplication app, string? secret)
    {
        _app = app;
        _secret = secret;
    }

    /// <summary>The first this many requests are answered 503.</summary>
    public int FailFirst { get; set; }
    /// <summary>The answer after the failures (200 unless set).</summary>
    public int Status { get; set; } = 200;
    /// <summary>Answer 302 to this address instead.</summary>
    public string? RedirectTo { get; set; }
    /// <summary>Hold every request until <see cref="Release"/> (or the test ends).</summary>
    public bool Hold { get; set; }

    public string Url => $"{_app.Urls.First()}/hook";
    public int Port => new Uri(_app.Urls.First()).Port;
    public IReadOnlyList<Received> Requests => _received.ToList();
    /// <summary>Requests that arrived, counted as they arrive (before any hold).</summary>
    public int Arrived => Volatile.Read(ref _requests);
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);
    /// <summary>Keys of the requests answered 2xx.</summary>
    public IReadOnlyList<string?> Accepted => Requests.Where(r => r.Status is >= 200 and < 300).Select(r => r.Key).ToList();

    public void Release() => _release.TrySetResult();

    /// <param name="port">0 for any free port; a given one to come back where a stopped receiver was.</param>
    public static async Task<WebhookReceiver> StartAsync(string? secret = null, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, secret);
        app.MapPost("/hook", (Delegate)receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var n = Interlocked.Increment(ref _requests);
        var now = Interlocked.Increment(ref _inFlight);
        try
        {
            int max;
            while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max) { }
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            if (Hold) await _release.Task.WaitAsync(context.RequestAborted);
            string? key = context.Request.Headers["Idempotency-Key"];
            string? signature = context.Request.Headers[WebhookSignature.Header];
            var valid = _secret is not null && signature is not null
                && WebhookSignature.Verify(signature, _secret, body, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), WebhookSignature.DefaultTolerance);
            var status = RedirectTo is not null ? 302 : n <= FailFirst ? 503 : Status;
            _received.Enqueue(new Received(key, body, signature, valid, status, context.Request.ContentType ?? ""));
            if (RedirectTo is not null) return Results.Redirect(RedirectTo);
            // A body the sender must not read or log.
            return Results.Text("receiver says: secret-ish body", statusCode: status);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5))) await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
