using System.Text.Json;

namespace Holler.Tests.Support;

/// <summary>
/// What a webhook receiver got, read back as alert notifications (schema holler.alert/v1): one line per business a
/// notification lists, since a grouped notification lists several. End-to-end tests count these per business and episode.
/// </summary>
public static class AlertWebhookLog
{
    public sealed record Listed(string Key, string Transition, string BusinessId, long SinceMs);

    /// <summary>The businesses of every request answered 2xx, with the notification's key and transition.</summary>
    public static IReadOnlyList<Listed> Accepted(IEnumerable<WebhookReceiver.Received> requests) =>
        requests.Where(r => r.Status is >= 200 and < 300).SelectMany(Parse).ToList();

    public static IEnumerable<Listed> Parse(WebhookReceiver.Received request)
    {
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        // A notification listing fewer businesses than it holds would hide some from the count.
        Assert.Equal(0, root.GetProperty("moreBusinesses").GetInt32());
        var key = root.GetProperty("id").GetString()!;
        Assert.Equal(key, request.Key);
        var transition = root.GetProperty("transition").GetString()!;
        return root.GetProperty("businesses").EnumerateArray()
            .Select(b => new Listed(key, transition, b.GetProperty("id").GetString()!,
                b.GetProperty("since").GetDateTimeOffset().ToUnixTimeMilliseconds()))
            .ToList();
    }
}
