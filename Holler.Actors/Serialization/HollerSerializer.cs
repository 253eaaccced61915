using System.Collections.Frozen;
using Akka.Actor;
using Akka.Serialization;
using Holler.Alerts;
using Holler.Domain.Alerts;
using Holler.Alerts.Delivery;
using Holler.Fleet;
using Holler.Ingest;
using Holler.Leaderboard;
using Holler.Tracking;

namespace Holler.Serialization;

/// <summary>
/// Compact binary format for everything Holler persists or sends between nodes. Each manifest names a message and
/// its format version; a new version gets a new manifest and the old reader stays, so old snapshots and journals load.
/// The formats themselves are in the protocols' codecs (<see cref="TrackerCodecs"/>, <see cref="LeaderboardCodecs"/>,
/// <see cref="IngestCodecs"/>, <see cref="AlertsCodecs"/>, <see cref="AlertDeliveryCodecs"/>, <see cref="FleetCodecs"/>), each message's writer next to its reader.
/// </summary>
/// <remarks>
/// The per-business tracker formats (TB1, TB2, TA1, TN1, TR1, TR2, TS1) ended when trackers became one per shard:
/// their journals belong to persistence ids no tracker recovers any more, so their readers went with them. The
/// per-shard formats start again at version 1 under new manifests.
/// </remarks>
public sealed class HollerSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 4711;

    public override int Identifier => Id;

    public static readonly Type[] BoundTypes =
        [
            typeof(ITrackerProtocol), typeof(ITrackerPersisted), typeof(ILeaderboardProtocol), typeof(IIngestProtocol),
            typeof(IAlertsProtocol), typeof(IAlertEvent), typeof(AlertBookState),
            typeof(IAlertDeliveryPersisted), typeof(IAlertDeliveryProtocol), typeof(IFleetProtocol),
        ];

    private static readonly MessageCodec[] Codecs = [
        .. TrackerCodecs.All, .. LeaderboardCodecs.All, .. IngestCodecs.All, .. AlertsCodecs.All, .. AlertDeliveryCodecs.All, .. FleetCodecs.All,
        .. RecentEventsCodecs.All,
    ];

    // Every message is a sealed record, so its exact type finds its codec.
    private static readonly FrozenDictionary<Type, MessageCodec> ByType = Codecs.ToFrozenDictionary(c => c.Type);
    private static readonly FrozenDictionary<string, Func<BinaryReader, object>> ByManifest = Codecs
        .Select(c => (c.Manifest, Read: (Func<BinaryReader, object>)c.Read))
        .Concat(TrackerCodecs.Retired)
        .Concat(LeaderboardCodecs.Retired)
        .Concat(AlertDeliveryCodecs.Retired)
        .ToFrozenDictionary(c => c.Manifest, c => c.Read);
    private static readonly FrozenDictionary<string, Func<byte[], object>> RawByManifest = Codecs
        .Where(c => c.FromBytes is not null)
        .ToFrozenDictionary(c => c.Manifest, c => c.FromBytes!);

    public override string Manifest(object o) => CodecOf(o, nameof(o)).Manifest;

    public override byte[] ToBinary(object obj)
    {
        var codec = CodecOf(obj, nameof(obj));
        if (codec.BytesOf is { } bytesOf) return bytesOf(obj);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream)) codec.Write(w, obj);
        return stream.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!ByManifest.TryGetValue(manifest, out var read))
            throw new System.Runtime.Serialization.SerializationException($"{nameof(HollerSerializer)} does not know manifest '{manifest}'");
        if (RawByManifest.TryGetValue(manifest, out var fromBytes)) return fromBytes(bytes);
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false));
        return read(r);
    }

    private static MessageCodec CodecOf(object o, string parameter) =>
        ByType.TryGetValue(o.GetType(), out var codec)
            ? codec
            : throw new ArgumentException($"{nameof(HollerSerializer)} cannot serialize {o.GetType()}", parameter);
}
