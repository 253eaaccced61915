using Holler.Domain;
using Holler.Tracking;

namespace Holler.Serialization;

/// <summary>The drill-down's recent-events query to a shard tracker and its answer (see
/// docs/dimensions.md#recent-events). Never persisted: only nodes of one version must agree.</summary>
internal static class RecentEventsCodecs
{
    public static readonly MessageCodec[] All =
    [
        MessageCodec.For<GetRecentEvents>("ER1",
            static (w, q) =>
            {
                w.Write(q.BusinessId); w.Write(q.Max);
                // 255 for "any": neither enum has that value.
                w.Write(q.Filter.Platform is { } p ? (byte)p : byte.MaxValue);
                w.Write(q.Filter.Status is { } s ? (byte)s : byte.MaxValue);
                WriteOptional(w, q.Filter.PathPrefix);
            },
            static r =>
            {
                var id = r.ReadString();
                var max = r.ReadInt32();
                var platform = r.ReadByte();
                var status = r.ReadByte();
                return new GetRecentEvents(id, max, new RecentEventFilter(
                    platform == byte.MaxValue ? null : (Platform)platform,
                    status == byte.MaxValue ? null : (StatusClass)status,
                    ReadOptional(r)));
            }),

        // The strings once in a table, each event pointing into it (-1 for none): a page of 200 events of one business
        // has a handful of distinct paths, referrers and regions.
        MessageCodec.For<RecentEventsPage>("EP1",
            static (w, p) =>
            {
                w.Write(p.BusinessId); w.Write((byte)p.Watch); w.Write(p.LeaseUntilMs); w.Write(p.Held);
                var table = new Dictionary<string, int>(StringComparer.Ordinal);
                var values = new List<string>();
                int IndexOf(string? value)
                {
                    if (value is null) return -1;
                    if (!table.TryGetValue(value, out var index))
                    {
                        table[value] = index = values.Count;
                        values.Add(value);
                    }
                    return index;
                }
                var refs = new int[p.Events.Length * 3];
                for (var i = 0; i < p.Events.Length; i++)
                {
                    refs[3 * i] = IndexOf(p.Events[i].Path);
                    refs[3 * i + 1] = IndexOf(p.Events[i].Referrer);
                    refs[3 * i + 2] = IndexOf(p.Events[i].Region);
                }
                w.WriteStrings([.. values]);
                w.Write(p.Events.Length);
                for (var i = 0; i < p.Events.Length; i++)
                {
                    var e = p.Events[i];
                    w.Write(e.Second); w.Write(e.Partition); w.Write(e.Offset); w.Write((byte)e.Platform); w.Write((byte)e.Status);
                    w.Write(refs[3 * i]); w.Write(refs[3 * i + 1]); w.Write(refs[3 * i + 2]); w.Write(e.User);
                }
            },
            static r =>
            {
                var id = r.ReadString();
                var watch = (RecentEventsWatch)r.ReadByte();
                var leaseUntilMs = r.ReadInt64();
                var held = r.ReadInt32();
                var values = r.ReadStrings();
                string? ValueAt(int index) => index < 0 ? null : values[index];
                var events = new RecentEvent[r.ReadInt32()];
                for (var i = 0; i < events.Length; i++)
                {
                    events[i] = new RecentEvent(r.ReadInt64(), r.ReadInt32(), r.ReadInt64(), (Platform)r.ReadByte(),
                        (StatusClass)r.ReadByte(), ValueAt(r.ReadInt32()), ValueAt(r.ReadInt32()), ValueAt(r.ReadInt32()), r.ReadUInt64());
                }
                return new RecentEventsPage(id, watch, leaseUntilMs, held, events);
            }),
    ];

    private static void WriteOptional(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null) w.Write(value);
    }

    private static string? ReadOptional(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
}
