using System.Text.Json;
using Holler.Alerts.Channels;
using Holler.Domain.Alerts;
using Holler.Tests.Support;
using MimeKit;

namespace Holler.Tests.Alerts;

/// <summary>Each channel against a real receiver started here: a Kestrel webhook receiver, a real SMTP server.</summary>
public sealed class ChannelSenderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_webhook_carries_the_v1_body_a_valid_signature_and_the_idempotency_key()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test");
        var channel = DeliveryTestSettings.Webhook("hook", receiver.Url);
        using var senders = new ChannelSenders(DeliveryTestSettings.With(channel), TimeProvider.System);
        var n = Notifications.Sample();

        var outcome = await senders.SendAsync(channel, n, Ct);

        Assert.True(outcome.Delivered, outcome.Reason);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("a-1.firing", request.Key);
        Assert.True(request.SignatureValid, request.Signature);
        Assert.Equal(WebhookPayload.Build(n), request.Body);
        Assert.StartsWith("application/json", request.ContentType);
    }

    [Fact]
    public async Task A_Slack_channel_posts_text_and_blocks()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var channel = new ChannelSettings("slack", ChannelKind.Slack, new Uri(receiver.Url), null, [], 60, 4);
        using var senders = new ChannelSenders(DeliveryTestSettings.With(channel), TimeProvider.System);

        var outcome = await senders.SendAsync(channel, Notifications.Sample(), Ct);

        Assert.True(outcome.Delivered, outcome.Reason);
        using var json = JsonDocument.Parse(Assert.Single(receiver.Requests).Body);
        Assert.StartsWith("FIRING: Surges everywhere", json.RootElement.GetProperty("text").GetString());
        Assert.True(json.RootElement.GetProperty("blocks").GetArrayLength() >= 2);
    }

    [Fact]
    public async Task An_email_reaches_a_real_SMTP_server_with_plain_text_and_HTML_parts_linking_to_the_drill_down()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var channel = new ChannelSettings("mail", ChannelKind.Email, null, null, ["ops@example.com", "oncall@example.com"], 60, 4);
        var settings = DeliveryTestSettings.With(channel) with
        {
            Smtp = new SmtpSettings("127.0.0.1", smtp.Port, "", null, "holler@example.com", SmtpSecurity.None),
        };
        using var senders = new ChannelSenders(settings, TimeProvider.System);

        var outcome = await senders.SendAsync(channel, Notifications.Sample(), Ct);

        Assert.True(outcome.Delivered, outcome.Reason);
        var message = Assert.Single(smtp.Messages);
        Assert.Equal("[Holler] FIRING: Surges everywhere — Joe's <Pizza> & Co", message.Subject);
        Assert.Equal(["ops@example.com", "oncall@example.com"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("holler@example.com", message.From.Mailboxes.Single().Address);
        Assert.Equal("a-1.firing", message.Headers[EmailChannelSender.IdempotencyHeader]);
        Assert.Equal("a-1.firing@holler.alerts", message.MessageId);
        Assert.Contains("https://holler.example/business/biz-1", message.TextBody);
        Assert.Contains("340 events in 60 s", message.TextBody);
        Assert.Contains("href=\"https://holler.example/business/biz-1\"", message.HtmlBody);
        Assert.Contains("Joe&#39;s &lt;Pizza&gt; &amp; Co", message.HtmlBody);
        Assert.IsType<MultipartAlternative>(message.Body);
    }

    [Fact]
    public async Task A_private_address_is_refused_when_the_connection_would_open_and_nothing_reaches_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test");
        // Built past the settings check, as a name that passed it and resolves inward later would be.
        var channel = DeliveryTestSettings.Webhook("hook", receiver.Url);
        using var senders = new ChannelSenders(DeliveryTestSettings.With(channel) with { AllowPrivateTargets = false }, TimeProvider.System);

        var outcome = await senders.SendAsync(channel, Notifications.Sample(), Ct);

        Assert.False(outcome.Delivered);
        Assert.True(outcome.Permanent);
        Assert.Contains("127.0.0.1, a loopback, link-local or private address (set Alerts:AllowPrivateTargets=true to allow)", outcome.Reason);
        Assert.Equal(0, receiver.Arrived);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_at_connect_time()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test");
        var channel = DeliveryTestSettings.Webhook("hook", $"http://localhost:{receiver.Port}/hook");
        using var senders = new ChannelSenders(DeliveryTestSettings.With(channel) with { AllowPrivateTargets = false }, TimeProvider.System);

        var outcome = await senders.SendAsync(channel, Notifications.Sample(), Ct);

        Assert.True(outcome.Permanent);
        Assert.Contains("localhost resolves to", outcome.Reason);
        Assert.Equal(0, receiver.Arrived);
    }

    [Fact]
    public async Task The_SMTP_server_is_held_to_the_same_rule()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var channel = new ChannelSettings("mail", ChannelKind.Email, null, null, ["ops@example.com"], 60, 4);
        var settings = DeliveryTestSettings.With(channel) with
        {
            AllowPrivateTargets = false,
            Smtp = new SmtpSettings("127.0.0.1", smtp.Port, "", null, "holler@example.com", SmtpSecurity.None),
        };
        using var senders = new ChannelSenders(settings, TimeProvider.System);

        var outcome = await senders.SendAsync(channel, Notifications.Sample(), Ct);

        Assert.True(outcome.Permanent);
        Assert.Contains("private address", outcome.Reason);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        await using var elsewhere = await WebhookReceiver.StartAsync("whsec_test");
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test");
        receiver.RedirectTo = elsewhere.Url;
        var channel = DeliveryTestSettings.Webhook("hook", receiver.Url);
        using var senders = new ChannelSenders(DeliveryTestSettings.With(channel), TimeProvider.System);

        var outcome = await senders.SendAsync(channel, Notifications.Sample(), Ct);

        Assert.True(outcome.Permanent);
        Assert.Equal("HTTP 302: redirects are not followed", outcome.Reason);
        Assert.Equal(1, receiver.Arrived);
        Assert.Equal(0, elsewhere.Arrived);
    }

    [Theory]
    [InlineData(503, false, "HTTP 503")]
    [InlineData(429, false, "HTTP 429")]
    [InlineData(404, true, "HTTP 404: the receiver rejected the request")]
    public async Task Server_errors_are_retried_and_client_errors_are_final_and_the_body_is_never_quoted(int status, bool permanent, string reason)
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test");
        receiver.Status = status;
        var channel = DeliveryTestSettings.Webhook("hook", receiver.Url);
        using var senders = new ChannelSenders(DeliveryTestSettings.With(channel), TimeProvider.System);

        var outcome = await senders.SendAsync(channel, Notifications.Sample(), Ct);

        Assert.False(outcome.Delivered);
        Assert.Equal(permanent, outcome.Permanent);
        Assert.Equal(reason, outcome.Reason);
        Assert.DoesNotContain("receiver says", outcome.Reason);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_fails_the_attempt_at_the_timeout()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_test");
        receiver.Hold = true;
        var channel = DeliveryTestSettings.Webhook("hook", receiver.Url);
        var settings = DeliveryTestSettings.With(channel) with { Timeout = TimeSpan.FromMilliseconds(500) };
        using var senders = new ChannelSenders(settings, TimeProvider.System);

        var outcome = await senders.SendAsync(channel, Notifications.Sample(), Ct);

        Assert.False(outcome.Permanent);
        Assert.Equal("no answer within 0.5 s", outcome.Reason);
    }
}
