using System.Net;
using System.Net.Http.Json;
using Confluent.Kafka;
using Holler.Host.Operator.Api;
using Holler.Tests.Support;

namespace Holler.Tests.Operator;

/// <summary><c>/api/business/{id}/events</c> end to end: events produced to Kafka with known platform, status and path
/// come back through the ingest and the business's tracker, newest first and filtered, once someone has looked.</summary>
[Collection(OperatorClusterCollection.Name)]
public sealed class RecentEventsApiTests(OperatorCluster cluster)
{
    private static readonly TimeSpan Arrive = TimeSpan.FromSeconds(90);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<RecentEventsView?> EventsAsync(string id, string query = "") =>
        cluster.Http.GetFromJsonAsync<RecentEventsView>(
            new Uri(cluster.A.Endpoints.OperatorUrl, $"/api/business/{Uri.EscapeDataString(id)}/events{query}"), OperatorJson.Options, Ct);

    private async Task ProduceAsync(string id, IEnumerable<(string Platform, int Status, string Path)> events)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.Broker.BootstrapServers }).Build();
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var (platform, status, path) in events)
        {
            var value = $$"""{"business_id":"{{id}}","ts":{{ts}},"platform":"{{platform}}","status":{{status}},"path":"{{path}}","referrer":"https://www.google.com/q","region":"us-ca","user_id":"u-1"}""";
            await producer.ProduceAsync("holler.traffic", new Message<string, string> { Key = id, Value = value }, Ct);
        }
    }

    [Fact]
    public async Task Events_produced_after_a_first_look_come_back_newest_first_and_filtered()
    {
        var id = $"recent-{Guid.NewGuid():N}"[..20];

        var first = await EventsAsync(id);
        Assert.Equal(("viewed", 0), (first!.Kept, first.Held));
        Assert.NotNull(first.KeptUntil);

        await ProduceAsync(id, [("web", 200, "/biz/x"), ("ios", 503, "/biz/x/menu"), ("android", 404, "/biz/x/menu?utm=1"), ("ios", 200, "/biz/x/photos")]);

        var all = await Eventually.Until(() => EventsAsync(id), v => v!.Held == 4, Arrive, v => $"held {v?.Held}");
        Assert.Equal(["/biz/x/photos", "/biz/x/menu", "/biz/x/menu", "/biz/x"], all!.Events.Select(e => e.Path));
        Assert.Equal(["ios", "android", "ios", "web"], all.Events.Select(e => e.Platform));
        Assert.Equal(["2xx", "4xx", "5xx", "2xx"], all.Events.Select(e => e.Status));
        Assert.All(all.Events, e => Assert.Equal(("google.com", "US-CA"), (e.Referrer, e.Region)));
        Assert.Single(all.Events.Select(e => e.User).Distinct());
        Assert.True(all.Events[0].Offset > all.Events[^1].Offset || all.Events[0].Partition != all.Events[^1].Partition);

        var ios5xx = await EventsAsync(id, "?platform=iOS&status=5xx&path=/BIZ/x/menu");
        Assert.Equal(("/biz/x/menu", "ios", "5xx"), (ios5xx!.Events.Single().Path, ios5xx.Events.Single().Platform, ios5xx.Events.Single().Status));
        Assert.Equal(4, ios5xx.Held);
        Assert.Equal(2, (await EventsAsync(id, "?path=/biz/x/menu"))!.Events.Count);
        Assert.Single((await EventsAsync(id, "?max=1"))!.Events);
    }

    [Fact]
    public async Task A_bad_filter_is_a_400_naming_it()
    {
        var response = await cluster.Http.GetAsync(new Uri(cluster.A.Endpoints.OperatorUrl, "/api/business/x/events?platform=fax"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        Assert.Equal("platform must be one of unknown, web, mobile-web, ios, android, app, other, was 'fax'", error.GetProperty("error").GetString());
        var max = await cluster.Http.GetAsync(new Uri(cluster.A.Endpoints.OperatorUrl, "/api/business/x/events?max=0"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, max.StatusCode);
    }
}
