using Holler.Domain.Alerts;

namespace Holler.Tests.Alerts;

/// <summary>Delivery settings for tests: private targets allowed (the receivers are on loopback) and a fast tick.</summary>
internal static class DeliveryTestSettings
{
    public static ChannelSettings Webhook(string name, string url, string secret = "whsec_test", int ratePerMinute = 600, int maxConcurrent = 4) =>
        new(name, ChannelKind.Webhook, new Uri(url), new SecretText(secret), [], ratePerMinute, maxConcurrent);

    public static DeliverySettings With(params ChannelSettings[] channels) =>
        DeliverySettings.None with
        {
            Channels = channels.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase),
            AllowPrivateTargets = true,
            Tick = TimeSpan.FromMilliseconds(50),
        };
}
