namespace Holler.Domain.Alerts;

/// <summary>How a channel reaches people (Alerts:Channels:NAME:Kind).</summary>
public enum ChannelKind
{
    /// <summary>A signed JSON POST in the documented schema (docs/alert-delivery.md#webhook-schema-v1).</summary>
    Webhook,
    /// <summary>A Slack incoming-webhook payload (text and blocks).</summary>
    Slack,
    /// <summary>Plain-text and HTML email over SMTP (Alerts:Smtp).</summary>
    Email,
}
