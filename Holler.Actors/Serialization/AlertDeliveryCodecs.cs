using Holler.Alerts.Delivery;
using Holler.Domain.Alerts;

namespace Holler.Serialization;

/// <summary>The delivery outbox's journal, snapshots and dead-letter queries (docs/alert-delivery.md#retries-and-dead-letters).</summary>
internal static class AlertDeliveryCodecs
{
    public static readonly MessageCodec[] All =
    [
        MessageCodec.For<OutboxQueued>("DQ1",
            static (w, q) => { WriteNotification(w, q.Notification); w.Write(q.AcceptedAtMs); },
            static r => new OutboxQueued(ReadNotification(r), r.ReadInt64())),

        MessageCodec.For<DeliverySucceeded>("DS1",
            static (w, s) => { w.Write(s.IdempotencyKey); w.Write(s.Channel); w.Write(s.Attempts); w.Write(s.AtMs); },
            static r => new DeliverySucceeded(r.ReadString(), r.ReadString(), r.ReadInt32(), r.ReadInt64())),

        MessageCodec.For<DeliveryDeadLettered>("DX1",
            static (w, d) => WriteDeadLetter(w, d.Letter),
            static r => new DeliveryDeadLettered(ReadDeadLetter(r))),

        // DO2: DO1 and the retry periods of re-driven deliveries still pending.
        MessageCodec.For<OutboxSnapshot>("DO2",
            static (w, s) =>
            {
                WriteSnapshotV1(w, s);
                var redriven = s.Redriven ?? [];
                w.Write(redriven.Count);
                foreach (var p in redriven) { w.Write(p.IdempotencyKey); w.Write(p.Channel); w.Write(p.FromMs); }
            },
            static r =>
            {
                var s = ReadSnapshotV1(r);
                var redriven = new RetryPeriod[r.ReadInt32()];
                for (var i = 0; i < redriven.Length; i++) redriven[i] = new RetryPeriod(r.ReadString(), r.ReadString(), r.ReadInt64());
                return s with { Redriven = redriven };
            }),

        MessageCodec.For<DeliveriesRedriven>("DV1",
            static (w, d) =>
            {
                w.Write(d.Deliveries.Count);
                foreach (var x in d.Deliveries) { w.Write(x.IdempotencyKey); w.Write(x.Channel); }
                w.Write(d.AtMs);
            },
            static r =>
            {
                var deliveries = new RedrivenDelivery[r.ReadInt32()];
                for (var i = 0; i < deliveries.Length; i++) deliveries[i] = new RedrivenDelivery(r.ReadString(), r.ReadString());
                return new DeliveriesRedriven(deliveries, r.ReadInt64());
            }),

        MessageCodec.For<GetDeadLetters>("DG1",
            static (w, g) => w.Write(g.Limit),
            static r => new GetDeadLetters(r.ReadInt32())),

        MessageCodec.For<DeadLettersReply>("DR1",
            static (w, d) => { WriteDeadLetters(w, d.DeadLetters); w.Write(d.DeadLettered); w.Write(d.PendingDeliveries); },
            static r => new DeadLettersReply(ReadDeadLetters(r), r.ReadInt64(), r.ReadInt32())),

        MessageCodec.For<RedriveDeadLetters>("DD1",
            static (w, d) => { WriteOptional(w, d.Id); WriteOptional(w, d.Channel); WriteOptional(w, d.RuleId); w.Write(d.Limit); },
            static r => new RedriveDeadLetters(ReadOptional(r), ReadOptional(r), ReadOptional(r), r.ReadInt32())),

        MessageCodec.For<RedriveReply>("DE1",
            static (w, d) =>
            {
                w.Write((byte)d.Status); WriteOptional(w, d.Error);
                w.Write(d.Redriven.Count);
                foreach (var x in d.Redriven) { w.Write(x.IdempotencyKey); w.Write(x.Channel); }
                w.Write(d.Left);
            },
            static r =>
            {
                var status = (RedriveStatus)r.ReadByte();
                var error = ReadOptional(r);
                var redriven = new RedrivenDelivery[r.ReadInt32()];
                for (var i = 0; i < redriven.Length; i++) redriven[i] = new RedrivenDelivery(r.ReadString(), r.ReadString());
                return new RedriveReply(status, error, redriven, r.ReadInt32());
            }),
    ];

    /// <summary>Formats no longer written, still read: outbox snapshots stored by earlier builds.</summary>
    public static readonly (string Manifest, Func<BinaryReader, object> Read)[] Retired =
    [
        // DO1: before re-drives, so no retry periods of its own.
        ("DO1", static r => ReadSnapshotV1(r)),
    ];

    private static void WriteSnapshotV1(BinaryWriter w, OutboxSnapshot s)
    {
        w.Write(s.Pending.Count);
        foreach (var p in s.Pending)
        {
            WriteNotification(w, p.Notification); w.Write(p.AcceptedAtMs); w.WriteStrings([.. p.Channels]);
        }
        WriteDeadLetters(w, s.DeadLetters);
        w.Write(s.DeadLettered);
        w.WriteStrings([.. s.Done]);
    }

    private static OutboxSnapshot ReadSnapshotV1(BinaryReader r)
    {
        var pending = new PendingNotification[r.ReadInt32()];
        for (var i = 0; i < pending.Length; i++) pending[i] = new PendingNotification(ReadNotification(r), r.ReadInt64(), r.ReadStrings());
        return new OutboxSnapshot(pending, ReadDeadLetters(r), r.ReadInt64(), r.ReadStrings(), []);
    }

    internal static void WriteNotification(BinaryWriter w, Notification n)
    {
        w.Write(n.AlertId); w.Write((byte)n.Transition); w.Write(n.RuleId); w.Write(n.RuleName);
        w.Write(n.Businesses.Count);
        // The same layout as the alert book's, rate and error-share kinds included.
        foreach (var b in n.Businesses) AlertsCodecs.WriteBusiness(w, b);
        w.Write(n.MoreBusinesses); w.Write(n.AtMs); w.WriteStrings([.. n.Channels]);
    }

    internal static Notification ReadNotification(BinaryReader r)
    {
        var alertId = r.ReadString();
        var transition = (AlertTransition)r.ReadByte();
        var ruleId = r.ReadString();
        var ruleName = r.ReadString();
        var businesses = new AlertedBusiness[r.ReadInt32()];
        for (var i = 0; i < businesses.Length; i++) businesses[i] = AlertsCodecs.ReadBusiness(r);
        return new Notification(alertId, transition, ruleId, ruleName, businesses, r.ReadInt32(), r.ReadInt64(), r.ReadStrings());
    }

    private static void WriteDeadLetters(BinaryWriter w, IReadOnlyList<DeadLetter> letters)
    {
        w.Write(letters.Count);
        foreach (var d in letters) WriteDeadLetter(w, d);
    }

    private static DeadLetter[] ReadDeadLetters(BinaryReader r)
    {
        var letters = new DeadLetter[r.ReadInt32()];
        for (var i = 0; i < letters.Length; i++) letters[i] = ReadDeadLetter(r);
        return letters;
    }

    private static void WriteDeadLetter(BinaryWriter w, DeadLetter d)
    {
        WriteNotification(w, d.Notification); w.Write(d.Channel); w.Write(d.Reason); w.Write(d.Attempts); w.Write(d.AcceptedAtMs); w.Write(d.AtMs);
    }

    private static DeadLetter ReadDeadLetter(BinaryReader r) =>
        new(ReadNotification(r), r.ReadString(), r.ReadString(), r.ReadInt32(), r.ReadInt64(), r.ReadInt64());

    private static void WriteOptional(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }

    private static string? ReadOptional(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
}
