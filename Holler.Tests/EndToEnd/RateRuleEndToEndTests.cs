using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Holler.Kafka;
using Holler.Tests.Support;

namespace Holler.Tests.EndToEnd;

/// <summary>
/// A rate rule ("at least 300 events in 10 s", added with the CLI) through the whole pipeline: events on Kafka →
/// trackers, which watch what the alerts singleton publishes → a signed webhook. A business receiving about 60 events a
/// second fires once and resolves once its traffic stops; one receiving about 3 a second never fires.
/// </summary>
public sealed class RateRuleEndToEndTests(ITestOutputHelper output)
{
    private const string Busy = "rate-busy";
    private const string Calm = "rate-calm";

    [Fact]
    public async Task A_business_over_the_rate_fires_once_and_resolves_when_its_traffic_stops_and_one_under_it_never_fires()
    {
        var token = TestContext.Current.CancellationToken;
        await using var receiver = await WebhookReceiver.StartAsync(AlertRules.Secret);
        using var broker = EmbeddedKafka.Start();
        using var data = new TempDir();
        await using var node = await TestNodes.StartAsync(TestNodes.Config(broker.BootstrapServers, data.Path, 50,
            o => AlertRules.WebhookTo(o, receiver.Url, groupWindowSeconds: 1)));
        var added = await OperatorCli.RunAsync(["alerts", "rules", "add", "Order flood", "--condition", "rate", "--min-events", "300",
            "--window", "10s", "--channel", AlertRules.Channel, "--node", $"127.0.0.1:{node.Endpoints.OperatorPort}"]);
        Assert.True(added.ExitCode == 0, added.Stderr);

        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, Acks = Acks.All }).Build();
        // Live traffic until the firing arrives, paced by the polling (about 60 and 3 events a second): the rule reaches
        // the trackers within a few seconds of their start, and traffic already in a window when it does counts.
        var sent = 0;
        await Eventually.Until(async () =>
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var sends = new List<Task>();
            for (var i = 0; i < 20; i++) sends.Add(Send(producer, Busy, now, token));
            sends.Add(Send(producer, Calm, now, token));
            await Task.WhenAll(sends);
            sent += sends.Count;
            return Bodies(receiver);
        }, bodies => bodies.Any(b => b.Transition == "firing"), TimeSpan.FromSeconds(90),
            bodies => $"{sent} events sent, {bodies.Count} notifications");

        // Traffic stops: the busy business's count falls below 300 as its window slides, and the alert resolves.
        var all = await Eventually.Until(() => Task.FromResult(Bodies(receiver)), bodies => bodies.Any(b => b.Transition == "resolved"),
            TimeSpan.FromSeconds(60), bodies => $"{bodies.Count} notifications, none resolved");

        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid, $"signature of {r.Key} not valid"));
        var firing = Assert.Single(all, b => b.Transition == "firing");
        Assert.Single(all, b => b.Transition == "resolved");
        Assert.Equal((Busy, "rate", 10), (firing.BusinessId, firing.Kind, firing.WindowSeconds));
        Assert.InRange(firing.Count, 300, 2_100);
        Assert.DoesNotContain(all, b => b.BusinessId == Calm);
        output.WriteLine($"{sent} events; firing with {firing.Count} events in 10 s");
    }

    private static Task Send(IProducer<string, byte[]> producer, string business, long ts, CancellationToken token) =>
        producer.ProduceAsync("holler.traffic", new Message<string, byte[]>
        {
            Key = business,
            Value = Encoding.UTF8.GetBytes($$"""{"business_id":"{{business}}","ts":{{ts}},"status":200}"""),
        }, token);

    private sealed record Listed(string Transition, string BusinessId, string Kind, int WindowSeconds, long Count);

    private static List<Listed> Bodies(WebhookReceiver receiver) => receiver.Requests.Where(r => r.Status == 200).SelectMany(r =>
    {
        using var json = JsonDocument.Parse(r.Body);
        var transition = json.RootElement.GetProperty("transition").GetString()!;
        return json.RootElement.GetProperty("businesses").EnumerateArray().Select(b => new Listed(transition, b.GetProperty("id").GetString()!,
            b.GetProperty("kind").GetString()!, b.GetProperty("window").GetProperty("seconds").GetInt32(),
            b.GetProperty("window").GetProperty("count").GetInt64())).ToList();
    }).ToList();
}
