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
        [nameof(OutboxSnapshot)] = new OutboxSnapshot([new PendingNotification(Grouped, 5, ["mail"])], [Letter], 41, ["a.firing", "b.resolved"], []),
        [nameof(DeliveriesRedriven)] = new DeliveriesRedriven([new RedrivenDelivery("g-7.resolved", "ops"), new RedrivenDelivery("a.firing", "mail")], 1_750_000_000_003),
        ["OutboxSnapshotWithRedrives"] = new OutboxSnapshot([new PendingNotification(Grouped, 5, ["mail"])], [Letter], 41, ["a.firing"],
            [new RetryPeriod("g-7.resolved", "mail", 1_750_000_000_004)]),
        [nameof(RedriveDeadLetters)] = new RedriveDeadLetters("0123456789ab", null, "rule-ü", 1_000),
        ["RedriveByChannel"] = new RedriveDeadLetters(null, "ops", null, 7),
        [nameof(RedriveReply)] = new RedriveReply(RedriveStatus.NotFound, "no dead letter 'x'", [new RedrivenDelivery("g-7.resolved", "ops")], 12),
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

        Assert.Equal(["DD1", "DD1", "DE1", "DG1", "DO2", "DO2", "DQ1", "DR1", "DS1", "DV1", "DX1"], Samples().Values.Select(serializer.Manifest).Order());
    }

    // Golden bytes, as DV1 and DO2 were first written: a stored journal or snapshot must keep loading.
    private const string RedrivenV1Golden = "AgAAAAxnLTcucmVzb2x2ZWQDb3BzCGEuZmlyaW5nBG1haWwD3CB0lwEAAA==";
    private const string SnapshotV2Golden =
        "AQAAAANnLTcBB3J1bGUtw7wRRXZlcnkgcGl6emEgcGxhY2UCAAAABWJpei0xEkpvZSdzIDxQaXp6YT4gJiBDbwEFUGl6emEBBkF1c3RpbgAAAAAAAIAcQAAAAAAAgCBAVAEAAAAAAACamZmZmZlEQADcIHSXAQAAJWh0dHBzOi8vaG9sbGVyLmV4YW1wbGUvYnVzaW5lc3MvYml6LTEFYml6LTIITmFtZWxlc3MAAAEAAAAAAAD4/wAAAAAAAPB/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAwAAABAviJ0lwEAAAIAAAADb3BzBG1haWwFAAAAAAAAAAEAAAAEbWFpbAEAAAADZy03AQdydWxlLcO8EUV2ZXJ5IHBpenphIHBsYWNlAgAAAAViaXotMRJKb2UncyA8UGl6emE+ICYgQ28BBVBpenphAQZBdXN0aW4AAAAAAACAHEAAAAAAAIAgQFQBAAAAAAAAmpmZmZmZREAA3CB0lwEAACVodHRwczovL2hvbGxlci5leGFtcGxlL2J1c2luZXNzL2Jpei0xBWJpei0yCE5hbWVsZXNzAAABAAAAAAAA+P8AAAAAAADwfwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAMAAAAQL4idJcBAAACAAAAA29wcwRtYWlsA29wczBnYXZlIHVwIGFmdGVyIDkgYXR0ZW1wdHMgaW4gMS4wMDowMDowMDogSFRUUCA1MDMJAAAAANwgdJcBAAAAOEd5lwEAACkAAAAAAAAAAQAAAAhhLmZpcmluZwEAAAAMZy03LnJlc29sdmVkBG1haWwE3CB0lwEAAA==";
    /// <summary>A DO1 snapshot (before re-drives) of the OutboxSnapshot sample: one pending notification to "mail", one dead
    /// letter, 41 ever, two keys done. Taken from DO2's bytes of it less their last Int32 (the count of retry periods): DO2
    /// writes DO1's fields first with DO1's writer, unchanged.</summary>
    private const string SnapshotV1Golden =
        "AQAAAANnLTcBB3J1bGUtw7wRRXZlcnkgcGl6emEgcGxhY2UCAAAABWJpei0xEkpvZSdzIDxQaXp6YT4gJiBDbwEFUGl6emEBBkF1c3RpbgAAAAAAAIAcQAAAAAAAgCBAVAEAAAAAAACamZmZmZlEQADcIHSXAQAAJWh0dHBzOi8vaG9sbGVyLmV4YW1wbGUvYnVzaW5lc3MvYml6LTEFYml6LTIITmFtZWxlc3MAAAEAAAAAAAD4/wAAAAAAAPB/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAwAAABAviJ0lwEAAAIAAAADb3BzBG1haWwFAAAAAAAAAAEAAAAEbWFpbAEAAAADZy03AQdydWxlLcO8EUV2ZXJ5IHBpenphIHBsYWNlAgAAAAViaXotMRJKb2UncyA8UGl6emE+ICYgQ28BBVBpenphAQZBdXN0aW4AAAAAAACAHEAAAAAAAIAgQFQBAAAAAAAAmpmZmZmZREAA3CB0lwEAACVodHRwczovL2hvbGxlci5leGFtcGxlL2J1c2luZXNzL2Jpei0xBWJpei0yCE5hbWVsZXNzAAABAAAAAAAA+P8AAAAAAADwfwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAMAAAAQL4idJcBAAACAAAAA29wcwRtYWlsA29wczBnYXZlIHVwIGFmdGVyIDkgYXR0ZW1wdHMgaW4gMS4wMDowMDowMDogSFRUUCA1MDMJAAAAANwgdJcBAAAAOEd5lwEAACkAAAAAAAAAAgAAAAhhLmZpcmluZwpiLnJlc29sdmVk";

    [Fact]
    public void The_redrive_event_and_the_v2_snapshot_read_from_their_golden_bytes()
    {
        var serializer = (HollerSerializer)Sys.Serialization.FindSerializerFor(new GetDeadLetters(1));
        var redriven = Samples()[nameof(DeliveriesRedriven)];
        var snapshot = Samples()["OutboxSnapshotWithRedrives"];

        Assert.Equal(RedrivenV1Golden, Convert.ToBase64String(serializer.ToBinary(redriven)));
        Assert.Equal(SnapshotV2Golden, Convert.ToBase64String(serializer.ToBinary(snapshot)));
        Assert.Equal(Describe(redriven), Describe(serializer.FromBinary(Convert.FromBase64String(RedrivenV1Golden), "DV1")));
        Assert.Equal(Describe(snapshot), Describe(serializer.FromBinary(Convert.FromBase64String(SnapshotV2Golden), "DO2")));
    }

    [Fact]
    public void A_snapshot_stored_before_redrives_still_loads_with_no_retry_periods()
    {
        var serializer = (HollerSerializer)Sys.Serialization.FindSerializerFor(new GetDeadLetters(1));

        var loaded = (OutboxSnapshot)serializer.FromBinary(Convert.FromBase64String(SnapshotV1Golden), "DO1");

        Assert.Equal(["mail"], Assert.Single(loaded.Pending).Channels);
        Assert.Equal("g-7.resolved", loaded.Pending[0].Notification.IdempotencyKey);
        Assert.Equal(Letter.Id, Assert.Single(loaded.DeadLetters).Id);
        Assert.Equal(41, loaded.DeadLettered);
        Assert.Equal(["a.firing", "b.resolved"], loaded.Done);
        Assert.Empty(loaded.Redriven!);
    }

    private static string Describe(object o) => System.Text.Json.JsonSerializer.Serialize(o, o.GetType(),
        new System.Text.Json.JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
}
