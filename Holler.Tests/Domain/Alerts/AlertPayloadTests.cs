using System.Text.Json;
using Holler.Domain.Alerts;
using Holler.Tests.Support;

namespace Holler.Tests.Domain.Alerts;

public sealed class AlertPayloadTests
{
    [Fact]
    public void The_webhook_body_follows_schema_v1()
    {
        var n = Notifications.Sample() with { MoreBusinesses = 2 };

        using var json = JsonDocument.Parse(WebhookPayload.Build(n));
        var root = json.RootElement;

        Assert.Equal("holler.alert/v1", root.GetProperty("schema").GetString());
        Assert.Equal("a-1.firing", root.GetProperty("id").GetString());
        Assert.Equal("a-1", root.GetProperty("alertId").GetString());
        Assert.Equal("firing", root.GetProperty("transition").GetString());
        Assert.Equal("2025-06-15T15:07:40.000Z", root.GetProperty("at").GetString());
        Assert.Equal("rule-1", root.GetProperty("rule").GetProperty("id").GetString());
        Assert.Equal("Surges everywhere", root.GetProperty("rule").GetProperty("name").GetString());
        Assert.Equal(2, root.GetProperty("moreBusinesses").GetInt32());
        var b = Assert.Single(root.GetProperty("businesses").EnumerateArray());
        Assert.Equal("biz-1", b.GetProperty("id").GetString());
        Assert.Equal("Joe's <Pizza> & Co", b.GetProperty("name").GetString());
        Assert.Equal("Pizza", b.GetProperty("category").GetString());
        Assert.Equal("Austin", b.GetProperty("city").GetString());
        Assert.Equal("surge", b.GetProperty("kind").GetString());
        Assert.Equal(7.125, b.GetProperty("severity").GetDouble());
        Assert.Equal(8.25, b.GetProperty("ratio").GetDouble());
        Assert.Equal(60, b.GetProperty("window").GetProperty("seconds").GetInt32());
        Assert.Equal(340, b.GetProperty("window").GetProperty("count").GetInt64());
        Assert.Equal(41.2, b.GetProperty("window").GetProperty("expected").GetDouble());
        Assert.Equal("2025-06-15T15:06:40.000Z", b.GetProperty("since").GetString());
        Assert.Equal("https://holler.example/business/biz-1", b.GetProperty("link").GetString());
    }

    [Fact]
    public void The_same_notification_always_gives_the_same_body_and_non_finite_numbers_are_null()
    {
        var n = Notifications.Sample() with { Businesses = [Notifications.Business() with { Ratio = double.PositiveInfinity, DrillDownUrl = "" }] };

        var body = WebhookPayload.Build(n);

        Assert.Equal(body, WebhookPayload.Build(n));
        using var json = JsonDocument.Parse(body);
        var b = json.RootElement.GetProperty("businesses")[0];
        Assert.Equal(JsonValueKind.Null, b.GetProperty("ratio").ValueKind);
        Assert.Equal(JsonValueKind.Null, b.GetProperty("link").ValueKind);
    }

    [Fact]
    public void The_Slack_message_has_text_and_blocks_with_escaped_names_and_the_drill_down_link()
    {
        using var json = JsonDocument.Parse(SlackPayload.Build(Notifications.Sample() with { MoreBusinesses = 4 }));
        var root = json.RootElement;

        Assert.Equal("FIRING: Surges everywhere — Joe's &lt;Pizza&gt; &amp; Co (+4 more)", root.GetProperty("text").GetString());
        var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal("header", blocks[0].GetProperty("type").GetString());
        var section = blocks[1].GetProperty("text").GetProperty("text").GetString()!;
        Assert.StartsWith("*<https://holler.example/business/biz-1|Joe's &lt;Pizza&gt; &amp; Co>*", section);
        Assert.Contains("340 events in 60 s", section);
        Assert.Equal("… and 4 more.", blocks[2].GetProperty("text").GetProperty("text").GetString());
    }

    [Fact]
    public void The_email_has_plain_text_and_encoded_HTML_both_with_the_link()
    {
        var email = EmailContent.Build(Notifications.Sample(transition: AlertTransition.Resolved));

        Assert.Equal("[Holler] RESOLVED: Surges everywhere — Joe's <Pizza> & Co", email.Subject);
        Assert.Contains("https://holler.example/business/biz-1", email.Text);
        Assert.Contains("Joe's <Pizza> & Co (Pizza, Austin)", email.Text);
        Assert.Contains("<a href=\"https://holler.example/business/biz-1\"><strong>Joe&#39;s &lt;Pizza&gt; &amp; Co</strong></a>", email.Html);
        Assert.DoesNotContain("<Pizza>", email.Html);
    }
}
