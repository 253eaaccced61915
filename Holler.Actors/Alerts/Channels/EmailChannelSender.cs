using Holler.Domain.Alerts;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Holler.Alerts.Channels;

/// <summary>
/// Email channels, through the configured SMTP server with MailKit: one connection per attempt (alerts are rare; a
/// held connection would only go stale), opened through <see cref="GuardedConnector"/> like every other channel.
/// The Message-ID is made from the idempotency key, so mail clients themselves fold a repeated delivery into one.
/// </summary>
public sealed class EmailChannelSender(DeliverySettings settings)
{
    public const string IdempotencyHeader = "X-Holler-Idempotency-Key";

    public async Task<SendOutcome> SendAsync(ChannelSettings channel, Notification n, CancellationToken ct)
    {
        if (settings.Smtp is not { } smtp) return SendOutcome.Fail("no SMTP server is configured (Alerts:Smtp:Host)");
        if (channel.To.Count == 0) return SendOutcome.Fail("the channel has no recipients (To)");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.Timeout);
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            var socket = await GuardedConnector.ConnectAsync(smtp.Host, smtp.Port, settings.AllowPrivateTargets, timeout.Token);
            await client.ConnectAsync(socket, smtp.Host, smtp.Port, Options(smtp), timeout.Token);
            if (smtp.User.Length > 0 && smtp.Password is { } password)
                await client.AuthenticateAsync(smtp.User, password.Reveal(), timeout.Token);
            await client.SendAsync(Message(smtp, channel, n), timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
            return SendOutcome.Success;
        }
        catch (TargetRefusedException e)
        {
            return SendOutcome.Fail($"refused: {e.Message}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendOutcome.Retry($"no answer within {settings.Timeout.TotalSeconds:0.#} s");
        }
        catch (SmtpCommandException e)
        {
            // 5xx is the server's final word on this message; 4xx is "later".
            var reason = $"SMTP {(int)e.StatusCode}: {e.ErrorCode}";
            return (int)e.StatusCode >= 500 ? SendOutcome.Fail(reason) : SendOutcome.Retry(reason);
        }
        catch (AuthenticationException)
        {
            return SendOutcome.Fail("SMTP login failed (Alerts:Smtp:User, Alerts:Smtp:Password)");
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ProtocolException
                                      or SmtpProtocolException or SslHandshakeException or OperationCanceledException
                                      or ServiceNotConnectedException or InvalidOperationException)
        {
            return SendOutcome.Retry(e.Message.ReplaceLineEndings(" "));
        }
    }

    internal static MimeMessage Message(SmtpSettings smtp, ChannelSettings channel, Notification n)
    {
        var content = EmailContent.Build(n);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        foreach (var to in channel.To) message.To.Add(MailboxAddress.Parse(to));
        message.Subject = content.Subject;
        message.MessageId = $"{MessageIdLocalPart(n.IdempotencyKey)}@holler.alerts";
        message.Headers.Add(IdempotencyHeader, n.IdempotencyKey);
        message.Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody();
        return message;
    }

    private static string MessageIdLocalPart(string key) =>
        new(key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray());

    private static SecureSocketOptions Options(SmtpSettings smtp) => smtp.Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
