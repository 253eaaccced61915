using Akka.Hosting;
using Holler.Alerts.Delivery;
using Holler.Domain.Alerts;
using Holler.Serialization;
using Holler.Tests.Support;

namespace Holler.Tests.Alerts;

/// <summary>The outbox's journal, snapshot and query messages go through Holler's serializer and come back whole.</summary>
public sealed class AlertDeliveryCodecsTests(ITestOutputHelper output)
    : Akka.Hosting.TestKit.TestKit(nameof(AlertDeliveryCodecsTests), output, startupTimeout: TimeSpan.FromSeconds(30))
{
    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) => builder.AddHollerSerialization();

    private static readonly Notification Grouped = new("g-7", AlertTransition.Resolved, "rule-ü", "Every pizza place",
        [
            Notifications.Business(),
            new AlertedBusiness("biz-2", "Nameless", null, null, true, double.NaN, double.PositiveInfinity, 0, 0, 0, ""),
        ], 12, 1_750_000_123_456, ["ops", "mail"]);

    private static readonly DeadLetter Letter = new(Grouped, "ops", "gave up after 9 attempts in 1.00:00:00: HTTP 503", 9, 1_750_000_000_000, 1_750_086_400_000);

    public static TheoryData<string> Names() => new(Samples().Keys.ToArray());

    private static Dictionary<string, object> Samples() => new()
    {
        [nameof(OutboxQueued)] = new OutboxQueued(Grouped, 1_750_000_000_001),
        [nameof(DeliverySucceeded)] = new DeliverySucceeded("g-7.resolved", "ops", 3, 1_750_000_000_002),
        [nameof(DeliveryDeadLettered)] = new DeliveryDeadLettered(Letter),
        [nameof(OutboxSnapshot)] = new OutboxSnapshot([new PendingNotification(Grouped, 5, ["mail"])], [Letter], 41, ["a.firing", "b.resolved"]),
        [nameof(GetDeadLetters)] = new GetDeadLetters(50),
        [nameof(DeadLettersReply)] = new DeadLettersReply([Letter, Letter], 77, 3),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_message_is_bound_to_the_Holler_serializer_and_round_trips(string name)
    {
        var message = Samples()[name];
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<HollerSerializer>(serializer);

        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var copy = Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);

        // Records compare lists by reference; their JSON-like print compares the content.
        Assert.Equal(Describe(message), Describe(copy));
    }

    [Fact]
    public void The_manifests_are_versioned_and_distinct()
    {
        var serializer = (HollerSerializer)Sys.Serialization.FindSerializerFor(new GetDeadLetters(1));

        Assert.Equal(["DG1", "DO1", "DQ1", "DR1", "DS1", "DX1"], Samples().Values.Select(serializer.Manifest).Order());
    }

    private static string Describe(object o) => System.Text.Json.JsonSerializer.Serialize(o, o.GetType(),
        new System.Text.Json.JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
}
