using Akka.Actor;
using Akka.Serialization;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;
using Holler.Ingest;
using Holler.Leaderboard;
using Holler.Tracking;

namespace Holler.Serialization;

/// <summary>
/// Compact binary format for everything Holler persists or sends between nodes. Each manifest names a message and
/// its format version; a new version gets a new manifest and the old reader stays, so old snapshots and journals load.
/// </summary>
/// <remarks>
/// The per-business tracker formats (TB1, TB2, TA1, TN1, TR1, TR2, TS1) ended when trackers became one per shard:
/// their journals belong to persistence ids no tracker recovers any more, so their readers went with them. The
/// per-shard formats start again at version 1 under new manifests.
/// </remarks>
public sealed class HollerSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 4711;

    private const string TrafficBatchV1 = "SB1";
    private const string TrafficBatchAckV1 = "SA1";
    private const string TrafficBatchNotDurableV1 = "SN1";
    private const string GetBusinessSeriesV1 = "GS1";
    private const string BusinessSeriesV1 = "BS1";
    private const string StopTrackerV1 = "ST1";
    private const string SurgeChangedV1 = "SC1";
    private const string TrafficRecordedV1 = "SE1";
    private const string TrackerSnapshotV1 = "SS1";
    private const string LeaderboardUpdatedV1 = "LU1";
    private const string GetLeaderboardV1 = "GL1";
    private const string SurgeRecordedV1 = "SR1";
    private const string GetSurgeHistoryV1 = "GH1";
    private const string SurgeHistoryReplyV1 = "SH1";
    private const string IngestNodeStatusV1 = "IN1";

    public override int Identifier => Id;

    public static readonly Type[] BoundTypes =
        [typeof(ITrackerProtocol), typeof(ITrackerPersisted), typeof(ILeaderboardProtocol), typeof(IIngestProtocol)];

    public override string Manifest(object o) => o switch
    {
        TrafficBatch => TrafficBatchV1,
        TrafficBatchAck => TrafficBatchAckV1,
        TrafficBatchNotDurable => TrafficBatchNotDurableV1,
        GetBusinessSeries => GetBusinessSeriesV1,
        BusinessSeries => BusinessSeriesV1,
        StopTracker => StopTrackerV1,
        SurgeChanged => SurgeChangedV1,
        TrafficRecorded => TrafficRecordedV1,
        TrackerSnapshot => TrackerSnapshotV1,
        LeaderboardUpdated => LeaderboardUpdatedV1,
        GetLeaderboard => GetLeaderboardV1,
        SurgeRecorded => SurgeRecordedV1,
        GetSurgeHistory => GetSurgeHistoryV1,
        SurgeHistoryReply => SurgeHistoryReplyV1,
        IngestNodeStatus => IngestNodeStatusV1,
        _ => throw new ArgumentException($"{nameof(HollerSerializer)} cannot serialize {o.GetType()}", nameof(o)),
    };

    public override byte[] ToBinary(object obj)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            switch (obj)
            {
                case TrafficBatch b:
                    w.Write(b.Shard); w.Write(b.Partition); w.Write(b.LogEndOffset); WriteStrings(w, b.BusinessIds);
                    WriteInts(w, b.Businesses); WriteLongs(w, b.Offsets); WriteLongs(w, b.Seconds); w.Write(b.ObservedSinceSecond);
                    break;
                case TrafficBatchAck a:
                    w.Write(a.Shard); w.Write(a.Applied); w.Write(a.Duplicates);
                    break;
                case TrafficBatchNotDurable n:
                    w.Write(n.Shard); w.Write(n.Reason);
                    break;
                case GetBusinessSeries g:
                    w.Write(g.BusinessId);
                    break;
                case BusinessSeries s:
                    w.Write(s.BusinessId); w.Write(s.HeadSecond); WriteInts(w, s.WindowCounts); WriteInts(w, s.MinuteCounts);
                    w.Write(s.Count); w.Write(s.Baseline); w.Write(s.BaselineStdDev); w.Write(s.Warm);
                    w.Write(s.Score); w.Write(s.Ratio); w.Write(s.Surging); w.Write(s.SurgeSinceMs); w.Write(s.Total); w.Write(s.Late);
                    break;
                case StopTracker:
                case GetLeaderboard:
                case GetSurgeHistory:
                    break;
                case SurgeRecorded sr:
                    WriteSurge(w, sr.Record);
                    break;
                case SurgeHistoryReply h:
                    w.Write(h.Recent.Count);
                    foreach (var record in h.Recent) WriteSurge(w, record);
                    break;
                case IngestNodeStatus n:
                    w.Write(n.Node); w.Write(n.AtMs); w.Write(n.Consumed); w.Write(n.Applied); w.Write(n.Rejected);
                    w.Write(n.Lag); w.Write(n.Partitions); w.Write(n.ConsumedPerSecond); w.Write(n.AppliedPerSecond);
                    break;
                case SurgeChanged c:
                    w.Write(c.BusinessId); w.Write(c.Surging); WriteEntry(w, c.Entry);
                    break;
                case TrafficRecorded r:
                    w.Write(r.Partition); w.Write(r.LastOffset); w.Write(r.PartitionReset); w.Write(r.ObservedSinceSecond);
                    WriteStrings(w, r.BusinessIds); WriteInts(w, r.RunEnds); WriteLongs(w, r.Seconds); WriteInts(w, r.Counts);
                    break;
                case TrackerSnapshot t:
                    w.Write(t.Watermarks.Count);
                    foreach (var (partition, offset) in t.Watermarks) { w.Write(partition); w.Write(offset); }
                    w.Write(t.NewestAppliedSecond);
                    WriteStrings(w, t.BusinessIds);
                    foreach (var traffic in t.Businesses) WriteTraffic(w, traffic);
                    break;
                case LeaderboardUpdated u:
                    w.Write(u.Top.Count);
                    foreach (var entry in u.Top) WriteEntry(w, entry);
                    w.Write(u.Surging); w.Write(u.PublishedAtMs); w.Write(u.Sequence);
                    break;
                default:
                    throw new ArgumentException($"{nameof(HollerSerializer)} cannot serialize {obj.GetType()}", nameof(obj));
            }
        }
        return stream.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false));
        return manifest switch
        {
            TrafficBatchV1 => new TrafficBatch(r.ReadInt32(), r.ReadInt32(), r.ReadInt64(), ReadStrings(r), ReadInts(r), ReadLongs(r),
                ReadLongs(r), r.ReadInt64()),
            TrafficBatchAckV1 => new TrafficBatchAck(r.ReadInt32(), r.ReadInt32(), r.ReadInt32()),
            TrafficBatchNotDurableV1 => new TrafficBatchNotDurable(r.ReadInt32(), r.ReadString()),
            GetBusinessSeriesV1 => new GetBusinessSeries(r.ReadString()),
            BusinessSeriesV1 => new BusinessSeries(r.ReadString(), r.ReadInt64(), ReadInts(r), ReadInts(r), r.ReadInt64(),
                r.ReadDouble(), r.ReadDouble(), r.ReadBoolean(), r.ReadDouble(), r.ReadDouble(), r.ReadBoolean(),
                r.ReadInt64(), r.ReadInt64(), r.ReadInt64()),
            StopTrackerV1 => StopTracker.Instance,
            GetLeaderboardV1 => GetLeaderboard.Instance,
            SurgeChangedV1 => new SurgeChanged(r.ReadString(), r.ReadBoolean(), ReadEntry(r)),
            TrafficRecordedV1 => new TrafficRecorded(r.ReadInt32(), r.ReadInt64(), r.ReadBoolean(), r.ReadInt64(), ReadStrings(r),
                ReadInts(r), ReadLongs(r), ReadInts(r)),
            TrackerSnapshotV1 => ReadSnapshot(r),
            LeaderboardUpdatedV1 => ReadLeaderboard(r),
            SurgeRecordedV1 => new SurgeRecorded(ReadSurge(r)),
            GetSurgeHistoryV1 => GetSurgeHistory.Instance,
            SurgeHistoryReplyV1 => ReadSurgeHistory(r),
            IngestNodeStatusV1 => new IngestNodeStatus(r.ReadString(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(),
                r.ReadInt64(), r.ReadInt32(), r.ReadDouble(), r.ReadDouble()),
            _ => throw new System.Runtime.Serialization.SerializationException($"{nameof(HollerSerializer)} does not know manifest '{manifest}'"),
        };
    }

    private static TrackerSnapshot ReadSnapshot(BinaryReader r)
    {
        var count = r.ReadInt32();
        var watermarks = new Dictionary<int, long>(count);
        for (var i = 0; i < count; i++) watermarks[r.ReadInt32()] = r.ReadInt64();
        var newest = r.ReadInt64();
        var ids = ReadStrings(r);
        var businesses = new BusinessTrafficState[ids.Length];
        for (var i = 0; i < ids.Length; i++) businesses[i] = ReadTraffic(r);
        return new TrackerSnapshot(watermarks, newest, ids, businesses);
    }

    private static LeaderboardUpdated ReadLeaderboard(BinaryReader r)
    {
        var count = r.ReadInt32();
        var top = new LeaderboardEntry[count];
        for (var i = 0; i < count; i++) top[i] = ReadEntry(r);
        return new LeaderboardUpdated(top, r.ReadInt32(), r.ReadInt64(), r.ReadInt64());
    }

    private static SurgeHistoryReply ReadSurgeHistory(BinaryReader r)
    {
        var recent = new SurgeRecord[r.ReadInt32()];
        for (var i = 0; i < recent.Length; i++) recent[i] = ReadSurge(r);
        return new SurgeHistoryReply(recent);
    }

    private static void WriteSurge(BinaryWriter w, SurgeRecord s)
    {
        w.Write(s.BusinessId); w.Write(s.StartedMs); w.Write(s.EndedMs); w.Write(s.PeakScore); w.Write(s.PeakCount); w.Write(s.PeakRatio);
    }

    private static SurgeRecord ReadSurge(BinaryReader r) =>
        new(r.ReadString(), r.ReadInt64(), r.ReadInt64(), r.ReadDouble(), r.ReadInt64(), r.ReadDouble());

    private static void WriteTraffic(BinaryWriter w, BusinessTrafficState s)
    {
        w.Write(s.HeadSecond); WriteInts(w, s.WindowCounts); w.Write(s.LastMinute); WriteInts(w, s.MinuteCounts);
        w.Write(s.BaselineMean); w.Write(s.BaselineVariance); w.Write(s.BaselineSamples);
        w.Write(s.FirstSeenSecond); w.Write(s.BaselineThroughMinute); w.Write(s.Total); w.Write(s.Late);
        w.Write(s.Surging); w.Write(s.SurgeSinceSecond); w.Write(s.Score); w.Write(s.PeakScore);
    }

    private static BusinessTrafficState ReadTraffic(BinaryReader r) => new(
        r.ReadInt64(), ReadInts(r), r.ReadInt64(), ReadInts(r),
        r.ReadDouble(), r.ReadDouble(), r.ReadInt64(),
        r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(),
        r.ReadBoolean(), r.ReadInt64(), r.ReadDouble(), r.ReadDouble());

    private static void WriteEntry(BinaryWriter w, LeaderboardEntry e)
    {
        w.Write(e.BusinessId); w.Write(e.Score); w.Write(e.Count); w.Write(e.Baseline); w.Write(e.Ratio);
        w.Write(e.SinceMs); w.Write(e.UpdatedMs);
    }

    private static LeaderboardEntry ReadEntry(BinaryReader r) =>
        new(r.ReadString(), r.ReadDouble(), r.ReadInt64(), r.ReadDouble(), r.ReadDouble(), r.ReadInt64(), r.ReadInt64());

    private static void WriteStrings(BinaryWriter w, string[] values)
    {
        w.Write(values.Length);
        foreach (var v in values) w.Write(v);
    }

    private static string[] ReadStrings(BinaryReader r)
    {
        var values = new string[r.ReadInt32()];
        for (var i = 0; i < values.Length; i++) values[i] = r.ReadString();
        return values;
    }

    private static void WriteLongs(BinaryWriter w, long[] values)
    {
        w.Write(values.Length);
        foreach (var v in values) w.Write(v);
    }

    private static long[] ReadLongs(BinaryReader r)
    {
        var values = new long[r.ReadInt32()];
        for (var i = 0; i < values.Length; i++) values[i] = r.ReadInt64();
        return values;
    }

    private static void WriteInts(BinaryWriter w, int[] values)
    {
        w.Write(values.Length);
        foreach (var v in values) w.Write(v);
    }

    private static int[] ReadInts(BinaryReader r)
    {
        var values = new int[r.ReadInt32()];
        for (var i = 0; i < values.Length; i++) values[i] = r.ReadInt32();
        return values;
    }
}
