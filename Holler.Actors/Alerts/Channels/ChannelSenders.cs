using Holler.Domain.Alerts;

namespace Holler.Alerts.Channels;

/// <summary>The real senders, one per channel kind, behind the one interface the outbox uses.</summary>
public sealed class ChannelSenders : IChannelSender, IDisposable
{
    private readonly HttpChannelSender _http;
    private readonly EmailChannelSender _email;

    public ChannelSenders(DeliverySettings settings, TimeProvider clock)
    {
        _http = new HttpChannelSender(settings, clock);
        _email = new EmailChannelSender(settings);
    }

    public async Task<SendOutcome> SendAsync(ChannelSettings channel, Notification notification, CancellationToken ct)
    {
        try
        {
            return channel.Kind switch
            {
                ChannelKind.Webhook => await _http.SendWebhookAsync(channel, notification, ct),
                ChannelKind.Slack => await _http.SendSlackAsync(channel, notification, ct),
                ChannelKind.Email => await _email.SendAsync(channel, notification, ct),
                _ => SendOutcome.Fail($"unknown channel kind {channel.Kind}"),
            };
        }
        catch (Exception e)
        {
            // The contract is "never throws"; anything unforeseen is retried rather than lost, and named by type only
            // since its message could quote what a receiver sent.
            return SendOutcome.Retry($"unexpected {e.GetType().Name}");
        }
    }

    public void Dispose() => _http.Dispose();
}
