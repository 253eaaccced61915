using Holler.Domain.Alerts;
using Holler.Host.Commands;

namespace Holler.Host.Configuration;

/// <summary>
/// Where alerts go and how they are delivered: named channels (Alerts:Channels:NAME:…), the SMTP server email channels
/// use, and the outbox's retry, safety and bounds. Secrets (a webhook's Secret, a Slack Url, Smtp:Password) belong in
/// environment variables (HOLLER_ALERTS__CHANNELS__OPS__SECRET); no message here ever repeats a value of them.
/// See docs/alert-delivery.md#settings.
/// </summary>
public sealed partial class AlertsOptionsSection
{
    public Dictionary<string, AlertChannelOptions> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public AlertSmtpOptions Smtp { get; set; } = new();
    /// <summary>How long a failing delivery is retried before it is dead-lettered (90s, 30m, 24h, 1d …).</summary>
    public string RetryFor { get; set; } = "24h";
    /// <summary>The ceiling of the first retry's random wait; it doubles per failure up to RetryMax.</summary>
    public string RetryFirst { get; set; } = "2s";
    public string RetryMax { get; set; } = "10m";
    /// <summary>The longest one send may take, connecting included.</summary>
    public string Timeout { get; set; } = "10s";
    /// <summary>Lets channels reach loopback, link-local and private addresses; off, since an alert target is a way
    /// into the node's own network.</summary>
    public bool AllowPrivateTargets { get; set; }
    public int MaxPending { get; set; } = DeliverySettings.DefaultMaxPending;
    public int MaxDeadLetters { get; set; } = DeliverySettings.DefaultMaxDeadLetters;

    public DeliverySettings ResolveDelivery(List<string> errors)
    {
        var retryFor = Duration(errors, "RetryFor", RetryFor, TimeSpan.FromSeconds(1));
        var retry = new RetrySchedule(Duration(errors, "RetryFirst", RetryFirst, TimeSpan.FromMilliseconds(10)),
            Duration(errors, "RetryMax", RetryMax, TimeSpan.FromMilliseconds(10)));
        if (retry.First > TimeSpan.Zero && retry.Max > TimeSpan.Zero) errors.AddRange(retry.Validate());
        var timeout = Duration(errors, "Timeout", Timeout, TimeSpan.FromMilliseconds(100));
        if (MaxPending is < 1 or > 1_000_000) errors.Add($"Alerts:MaxPending must be between 1 and 1,000,000, was {MaxPending}");
        if (MaxDeadLetters is < 1 or > 100_000) errors.Add($"Alerts:MaxDeadLetters must be between 1 and 100,000, was {MaxDeadLetters}");

        var channels = new Dictionary<string, ChannelSettings>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, options) in Channels.OrderBy(c => c.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (options.Resolve(name, AllowPrivateTargets, errors) is { } channel) channels[name] = channel;
        }
        var smtp = channels.Values.Any(c => c.Kind == ChannelKind.Email) || !string.IsNullOrWhiteSpace(Smtp.Host)
            ? Smtp.Resolve(AllowPrivateTargets, errors)
            : null;
        return new DeliverySettings(channels, smtp, retryFor, retry, timeout, AllowPrivateTargets, MaxPending, MaxDeadLetters,
            DeliverySettings.DefaultRememberDone, TimeSpan.FromSeconds(1));
    }

    private static TimeSpan Duration(List<string> errors, string name, string text, TimeSpan least)
    {
        if (Durations.TryParse(text, out var value) && value >= least) return value;
        errors.Add($"Alerts:{name}: '{text}' is not a duration of at least {least.TotalSeconds:0.###} s (e.g. 90s, 30m, 24h)");
        return TimeSpan.Zero;
    }
}

/// <summary>One channel, Alerts:Channels:NAME.</summary>
public sealed class AlertChannelOptions
{
    /// <summary>webhook, slack or email.</summary>
    public string Kind { get; set; } = "";
    /// <summary>Webhook or Slack address (a Slack address is itself a secret).</summary>
    public string Url { get; set; } = "";
    /// <summary>The webhook signing secret (Holler-Signature).</summary>
    public string Secret { get; set; } = "";
    /// <summary>Email recipients, comma-separated.</summary>
    public string To { get; set; } = "";
    public int RatePerMinute { get; set; } = 60;
    public int MaxConcurrent { get; set; } = 4;

    // MimeKit takes a bare local part ("ops") as an address; mail to it goes nowhere.
    internal static bool IsEmailAddress(string text) =>
        MimeKit.MailboxAddress.TryParse(text.Trim(), out var mailbox) && mailbox.Domain.Length > 0 && mailbox.LocalPart.Length > 0;

    internal ChannelSettings? Resolve(string name, bool allowPrivate, List<string> errors)
    {
        var at = $"Alerts:Channels:{name}";
        var before = errors.Count;
        if (!Enum.TryParse<ChannelKind>(Kind.Trim(), ignoreCase: true, out var kind) || int.TryParse(Kind, out _))
        {
            errors.Add($"{at}:Kind: must be webhook, slack or email, was '{Kind.Trim()}'");
            return null;
        }
        if (RatePerMinute is < 1 or > 60_000) errors.Add($"{at}:RatePerMinute must be between 1 and 60,000, was {RatePerMinute}");
        if (MaxConcurrent is < 1 or > 64) errors.Add($"{at}:MaxConcurrent must be between 1 and 64, was {MaxConcurrent}");
        Uri? url = null;
        var to = To.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (kind == ChannelKind.Email)
        {
            if (to.Length == 0) errors.Add($"{at}:To: an email channel needs at least one recipient");
            foreach (var address in to)
            {
                if (!IsEmailAddress(address)) errors.Add($"{at}:To: '{address}' is not an email address");
            }
        }
        else if (string.IsNullOrWhiteSpace(Url)) errors.Add($"{at}:Url: a {kind.ToString().ToLowerInvariant()} channel needs an address");
        // The address is not repeated in messages: a Slack address carries its token.
        else if (!Uri.TryCreate(Url.Trim(), UriKind.Absolute, out url)) errors.Add($"{at}:Url: not an absolute http or https address");
        else if (TargetPolicy.CheckUrl(url, allowPrivate) is { } refusal) errors.Add($"{at}:Url: {refusal}");
        if (kind == ChannelKind.Webhook && string.IsNullOrWhiteSpace(Secret))
            errors.Add($"{at}:Secret: a webhook channel needs a signing secret (set HOLLER_ALERTS__CHANNELS__{name.ToUpperInvariant()}__SECRET)");
        if (errors.Count > before) return null;
        return new ChannelSettings(name, kind, url,
            kind == ChannelKind.Webhook ? new SecretText(Secret.Trim()) : null, to, RatePerMinute, MaxConcurrent);
    }
}

/// <summary>The SMTP server email channels send through, Alerts:Smtp.</summary>
public sealed class AlertSmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public string User { get; set; } = "";
    /// <summary>Keep it in HOLLER_ALERTS__SMTP__PASSWORD, not in files.</summary>
    public string Password { get; set; } = "";
    public string From { get; set; } = "";
    /// <summary>auto, starttls, tls or none.</summary>
    public string Security { get; set; } = "auto";

    internal SmtpSettings? Resolve(bool allowPrivate, List<string> errors)
    {
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(Host)) errors.Add("Alerts:Smtp:Host: email channels need an SMTP server");
        else if (System.Net.IPAddress.TryParse(Host.Trim(), out var address) && TargetPolicy.CheckAddress(Host.Trim(), address, allowPrivate) is { } refusal)
            errors.Add($"Alerts:Smtp:Host: {refusal}");
        if (Port is < 1 or > 65535) errors.Add($"Alerts:Smtp:Port must be between 1 and 65535, was {Port}");
        if (!AlertChannelOptions.IsEmailAddress(From)) errors.Add($"Alerts:Smtp:From: '{From}' is not an email address");
        if (!Enum.TryParse<SmtpSecurity>(Security.Trim(), ignoreCase: true, out var security) || int.TryParse(Security, out _))
            errors.Add($"Alerts:Smtp:Security: must be auto, starttls, tls or none, was '{Security.Trim()}'");
        if (User.Trim().Length > 0 && Password.Length == 0)
            errors.Add("Alerts:Smtp:Password: needed with Alerts:Smtp:User (set HOLLER_ALERTS__SMTP__PASSWORD)");
        if (errors.Count > before) return null;
        return new SmtpSettings(Host.Trim(), Port, User.Trim(), Password.Length > 0 ? new SecretText(Password) : null, From.Trim(), security);
    }
}
