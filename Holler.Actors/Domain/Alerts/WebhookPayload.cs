using System.Text;
using System.Text.Json;

namespace Holler.Domain.Alerts;

/// <summary>
/// The webhook body, schema <c>holler.alert/v1</c> (docs/alert-delivery.md#webhook-schema-v1). Receivers parse it, so
/// fields are only ever added within v1; renaming or removing one means v2. The same notification always gives the
/// same bytes, so every retry carries the body (and key) the receiver may already have seen.
/// </summary>
public static class WebhookPayload
{
    public const string Schema = "holler.alert/v1";

    /// <summary>The window the detector counts over; the payload says so rather than leaving receivers to know it (a rate
    /// rule's window is its own).</summary>
    public const int WindowSeconds = 60;

    public static string Build(Notification n)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteString("id", n.IdempotencyKey);
            w.WriteString("alertId", n.AlertId);
            w.WriteString("transition", TransitionName(n.Transition));
            w.WriteString("at", Iso(n.AtMs));
            w.WriteStartObject("rule");
            w.WriteString("id", n.RuleId);
            w.WriteString("name", n.RuleName);
            w.WriteEndObject();
            w.WriteStartArray("businesses");
            foreach (var b in n.Businesses) WriteBusiness(w, b);
            w.WriteEndArray();
            w.WriteNumber("moreBusinesses", n.MoreBusinesses);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string TransitionName(AlertTransition t) => t switch
    {
        AlertTransition.Firing => "firing",
        AlertTransition.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, null),
    };

    internal static string Iso(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteBusiness(Utf8JsonWriter w, AlertedBusiness b)
    {
        w.WriteStartObject();
        w.WriteString("id", b.BusinessId);
        w.WriteString("name", b.Name);
        w.WriteString("category", b.Category);
        w.WriteString("city", b.City);
        w.WriteString("kind", NotificationText.KindName(b));
        WriteNumber(w, "severity", b.Severity);
        WriteNumber(w, "ratio", b.Ratio);
        w.WriteStartObject("window");
        w.WriteNumber("seconds", b.WindowSeconds);
        w.WriteNumber("count", b.WindowCount);
        WriteNumber(w, "expected", b.Expected);
        w.WriteEndObject();
        w.WriteString("since", Iso(b.SinceMs));
        if (string.IsNullOrEmpty(b.DrillDownUrl)) w.WriteNull("link");
        else w.WriteString("link", b.DrillDownUrl);
        w.WriteEndObject();
    }

    // JSON has no NaN or infinity; an expectation of zero makes the ratio infinite, which receivers read as null.
    private static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Math.Round(value, 4));
        else w.WriteNull(name);
    }
}
