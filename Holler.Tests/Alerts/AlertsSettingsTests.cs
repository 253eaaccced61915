using Holler.Domain.Alerts;
using Holler.Host.Configuration;

namespace Holler.Tests.Alerts;

/// <summary>The Alerts section: channels under names people choose, checked like every other setting, and secrets
/// that no message repeats.</summary>
public sealed class AlertsSettingsTests
{
    private const string WebhookSecret = "whsec-SECRET-VALUE-123";
    private const string SlackUrl = "https://hooks.slack.com/services/T000/B000/SLACKTOKEN123";
    private const string SmtpPassword = "smtp-PASSWORD-456";

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Alerts:Channels:ops:Kind"] = "webhook",
        ["Alerts:Channels:ops:Url"] = "https://hooks.example.com/holler",
        ["Alerts:Channels:ops:Secret"] = WebhookSecret,
        ["Alerts:Channels:team:Kind"] = "slack",
        ["Alerts:Channels:team:Url"] = SlackUrl,
        ["Alerts:Channels:mail:Kind"] = "email",
        ["Alerts:Channels:mail:To"] = "ops@example.com, oncall@example.com",
        ["Alerts:Smtp:Host"] = "smtp.example.com",
        ["Alerts:Smtp:User"] = "holler",
        ["Alerts:Smtp:Password"] = SmtpPassword,
        ["Alerts:Smtp:From"] = "holler@example.com",
        ["Alerts:Smtp:Security"] = "starttls",
        ["Alerts:RetryFor"] = "6h",
    };

    private static (NodeConfig? Config, IReadOnlyList<string> Errors) Load(Dictionary<string, string?> settings) =>
        SettingsLoader.Load(null, settings);

    [Fact]
    public void Channels_of_every_kind_resolve_with_their_secrets_readable_only_by_revealing_them()
    {
        var (config, errors) = Load(Valid());

        Assert.Empty(errors);
        var delivery = config!.AlertDelivery;
        Assert.Equal(["mail", "ops", "team"], delivery.Channels.Keys.Order());
        var ops = delivery.Channels["OPS"];
        Assert.Equal(ChannelKind.Webhook, ops.Kind);
        Assert.Equal(WebhookSecret, ops.Secret!.Reveal());
        Assert.Equal(ChannelKind.Slack, delivery.Channels["team"].Kind);
        Assert.Equal(["ops@example.com", "oncall@example.com"], delivery.Channels["mail"].To);
        Assert.Equal(new SmtpSettings("smtp.example.com", 587, "holler", delivery.Smtp!.Password, "holler@example.com", SmtpSecurity.StartTls), delivery.Smtp);
        Assert.Equal(SmtpPassword, delivery.Smtp.Password!.Reveal());
        Assert.Equal(TimeSpan.FromHours(6), delivery.RetryFor);
        Assert.False(delivery.AllowPrivateTargets);
        // However the settings are printed, the secrets are not.
        var printed = $"{config} {delivery} {string.Join(" ", delivery.Channels.Values)} {delivery.Smtp}";
        Assert.DoesNotContain(WebhookSecret, printed);
        Assert.DoesNotContain(SmtpPassword, printed);
        Assert.DoesNotContain("SLACKTOKEN123", printed);
    }

    [Fact]
    public void Without_alert_settings_there_are_no_channels_and_the_defaults_hold()
    {
        var (config, errors) = Load([]);

        Assert.Empty(errors);
        Assert.Empty(config!.AlertDelivery.Channels);
        Assert.Null(config.AlertDelivery.Smtp);
        Assert.Equal(TimeSpan.FromHours(24), config.AlertDelivery.RetryFor);
    }

    [Theory]
    [InlineData("Alerts:Channels:ops:Secrt", "Alerts:Channels:ops:Secrt: unknown setting (did you mean Alerts:Channels:ops:Secret?)")]
    [InlineData("Alerts:Smtp:Hots", "Alerts:Smtp:Hots: unknown setting (did you mean Alerts:Smtp:Host?)")]
    [InlineData("Alerts:RetryFro", "Alerts:RetryFro: unknown setting (did you mean Alerts:RetryFor?)")]
    public void A_misspelt_alert_setting_is_named_with_the_nearest_one_keeping_the_channel_name(string key, string expected)
    {
        var settings = Valid();
        settings[key] = "x";

        Assert.Equal([expected], Load(settings).Errors);
    }

    [Theory]
    [InlineData("Alerts:Channels:ops:Kind", "pager", "Alerts:Channels:ops:Kind: must be webhook, slack or email, was 'pager'")]
    [InlineData("Alerts:Channels:ops:Secret", "", "Alerts:Channels:ops:Secret: a webhook channel needs a signing secret (set HOLLER_ALERTS__CHANNELS__OPS__SECRET)")]
    [InlineData("Alerts:Channels:ops:Url", "ftp://hooks.example.com/x", "Alerts:Channels:ops:Url: must be an http or https address")]
    [InlineData("Alerts:Channels:ops:Url", "http://10.0.0.7/hook", "Alerts:Channels:ops:Url: 10.0.0.7, a loopback, link-local or private address (set Alerts:AllowPrivateTargets=true to allow)")]
    [InlineData("Alerts:Channels:ops:Url", "http://localhost:9000/hook", "Alerts:Channels:ops:Url: localhost is a local name (set Alerts:AllowPrivateTargets=true to allow)")]
    [InlineData("Alerts:Channels:ops:RatePerMinute", "0", "Alerts:Channels:ops:RatePerMinute must be between 1 and 60,000, was 0")]
    [InlineData("Alerts:Channels:mail:To", "not-an-address", "Alerts:Channels:mail:To: 'not-an-address' is not an email address")]
    [InlineData("Alerts:Smtp:Host", "", "Alerts:Smtp:Host: email channels need an SMTP server")]
    [InlineData("Alerts:Smtp:Security", "maybe", "Alerts:Smtp:Security: must be auto, starttls, tls or none, was 'maybe'")]
    [InlineData("Alerts:RetryFor", "soon", "Alerts:RetryFor: 'soon' is not a duration of at least 1 s (e.g. 90s, 30m, 24h)")]
    [InlineData("Alerts:MaxPending", "0", "Alerts:MaxPending must be between 1 and 1,000,000, was 0")]
    public void A_bad_alert_setting_is_one_line_naming_it_and_never_repeating_a_secret(string key, string value, string expected)
    {
        var settings = Valid();
        settings[key] = value;

        var errors = Load(settings).Errors;

        Assert.Equal([expected], errors);
        Assert.DoesNotContain(WebhookSecret, errors[0]);
        Assert.DoesNotContain(SmtpPassword, errors[0]);
    }

    [Fact]
    public void A_bad_Slack_address_is_refused_without_repeating_it()
    {
        var settings = Valid();
        settings["Alerts:Channels:team:Url"] = "gopher://hooks.slack.com/services/T000/B000/SLACKTOKEN123";

        var error = Assert.Single(Load(settings).Errors);

        Assert.Equal("Alerts:Channels:team:Url: must be an http or https address", error);
    }

    [Fact]
    public void AllowPrivateTargets_lets_a_channel_point_at_a_private_address()
    {
        var settings = Valid();
        settings["Alerts:Channels:ops:Url"] = "http://127.0.0.1:9000/hook";
        settings["Alerts:AllowPrivateTargets"] = "true";

        var (config, errors) = Load(settings);

        Assert.Empty(errors);
        Assert.True(config!.AlertDelivery.AllowPrivateTargets);
        Assert.Equal(new Uri("http://127.0.0.1:9000/hook"), config.AlertDelivery.Channels["ops"].Url);
    }
}
