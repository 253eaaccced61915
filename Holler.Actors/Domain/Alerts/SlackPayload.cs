using System.Text;
using System.Text.Json;

namespace Holler.Domain.Alerts;

/// <summary>A Slack incoming-webhook message: <c>text</c> for notifications and clients without blocks, and blocks
/// (a header, one section per business with its drill-down link). Slack caps a message at 50 blocks and a section at
/// 3,000 characters; the businesses listed are already bounded by the alert's group size, and this caps them again.</summary>
public static class SlackPayload
{
    public const int MaxBusinessBlocks = 20;

    public static string Build(Notification n)
    {
        var headline = NotificationText.Headline(n);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("text", Escape(headline));
            w.WriteStartArray("blocks");
            w.WriteStartObject();
            w.WriteString("type", "header");
            w.WriteStartObject("text");
            w.WriteString("type", "plain_text");
            w.WriteString("text", Truncate(headline, 150));
            w.WriteEndObject();
            w.WriteEndObject();
            var listed = n.Businesses.Take(MaxBusinessBlocks).ToList();
            foreach (var b in listed) Section(w, BusinessText(b));
            var more = n.Businesses.Count - listed.Count + n.MoreBusinesses;
            if (more > 0) Section(w, Escape($"… and {more} more."));
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string BusinessText(AlertedBusiness b)
    {
        var name = string.IsNullOrEmpty(b.DrillDownUrl) ? $"*{Escape(b.Name)}*" : $"*<{Escape(b.DrillDownUrl)}|{Escape(b.Name)}>*";
        var place = NotificationText.Place(b);
        var text = $"{name}{(place.Length > 0 ? $" ({Escape(place)})" : "")}\n{Escape(NotificationText.Figures(b))}";
        return Truncate(text, 3000);
    }

    private static void Section(Utf8JsonWriter w, string mrkdwn)
    {
        w.WriteStartObject();
        w.WriteString("type", "section");
        w.WriteStartObject("text");
        w.WriteString("type", "mrkdwn");
        w.WriteString("text", mrkdwn);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    // Slack reads &, < and > as markup (links, mentions); names come from a catalogue nobody here controls.
    private static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
