using System.Net;
using System.Text;

namespace Holler.Domain.Alerts;

/// <summary>An alert as an email: subject, plain text and HTML, each business with its drill-down link.</summary>
public sealed record EmailContent(string Subject, string Text, string Html)
{
    public static EmailContent Build(Notification n)
    {
        var headline = NotificationText.Headline(n);
        var text = new StringBuilder();
        var html = new StringBuilder();
        text.AppendLine(headline).AppendLine();
        html.Append("<html><body><h2>").Append(WebUtility.HtmlEncode(headline)).Append("</h2><ul>");
        foreach (var b in n.Businesses)
        {
            var place = NotificationText.Place(b);
            var figures = NotificationText.Figures(b);
            text.Append("- ").Append(b.Name).Append(place.Length > 0 ? $" ({place})" : "").AppendLine();
            text.Append("  ").AppendLine(figures);
            if (!string.IsNullOrEmpty(b.DrillDownUrl)) text.Append("  ").AppendLine(b.DrillDownUrl);
            html.Append("<li>");
            var name = WebUtility.HtmlEncode(b.Name);
            html.Append(string.IsNullOrEmpty(b.DrillDownUrl)
                ? $"<strong>{name}</strong>"
                : $"<a href=\"{WebUtility.HtmlEncode(b.DrillDownUrl)}\"><strong>{name}</strong></a>");
            if (place.Length > 0) html.Append(" (").Append(WebUtility.HtmlEncode(place)).Append(')');
            html.Append("<br>").Append(WebUtility.HtmlEncode(figures)).Append("</li>");
        }
        html.Append("</ul>");
        var more = NotificationText.MoreLine(n);
        if (more.Length > 0)
        {
            text.AppendLine(more);
            html.Append("<p>").Append(WebUtility.HtmlEncode(more)).Append("</p>");
        }
        var footer = $"Rule {n.RuleName} ({n.RuleId}), alert {n.IdempotencyKey}.";
        text.AppendLine().AppendLine(footer);
        html.Append("<p><small>").Append(WebUtility.HtmlEncode(footer)).Append("</small></p></body></html>");
        return new EmailContent($"[Holler] {headline}", text.ToString(), html.ToString());
    }
}
