using Holler.Domain.Traffic;
using Holler.Tracking;

namespace Holler.Serialization;

/// <summary>The shard trackers' protocol and what they persist. Manifests are stored with every journal entry and
/// snapshot: never change one; a new format gets a new manifest and the old reader stays.</summary>
internal static class TrackerCodecs
{
    public static readonly MessageCodec[] All =
    [
        MessageCodec.For<TrafficBatch>("SB1",
            static (w, b) =>
            {
                w.Write(b.Shard); w.Write(b.Partition); w.Write(b.LogEndOffset); w.WriteStrings(b.BusinessIds);
                w.WriteInts(b.Businesses); w.WriteLongs(b.Offsets); w.WriteLongs(b.Seconds); w.Write(b.ObservedSinceSecond);
            },
            static r => new TrafficBatch(r.ReadInt32(), r.ReadInt32(), r.ReadInt64(), r.ReadStrings(), r.ReadInts(), r.ReadLongs(),
                r.ReadLongs(), r.ReadInt64())),

        MessageCodec.For<TrafficBatchAck>("SA1",
            static (w, a) => { w.Write(a.Shard); w.Write(a.Applied); w.Write(a.Duplicates); },
            static r => new TrafficBatchAck(r.ReadInt32(), r.ReadInt32(), r.ReadInt32())),

        MessageCodec.For<TrafficBatchNotDurable>("SN1",
            static (w, n) => { w.Write(n.Shard); w.Write(n.Reason); },
            static r => new TrafficBatchNotDurable(r.ReadInt32(), r.ReadString())),

        MessageCodec.For<GetBusinessSeries>("GS1",
            static (w, g) => w.Write(g.BusinessId),
            static r => new GetBusinessSeries(r.ReadString())),

        MessageCodec.For<BusinessSeries>("BS1",
            static (w, s) =>
            {
                w.Write(s.BusinessId); w.Write(s.HeadSecond); w.WriteInts(s.WindowCounts); w.WriteInts(s.MinuteCounts);
                w.Write(s.Count); w.Write(s.Baseline); w.Write(s.BaselineStdDev); w.Write(s.Warm);
                w.Write(s.Score); w.Write(s.Ratio); w.Write(s.Surging); w.Write(s.SurgeSinceMs); w.Write(s.Total); w.Write(s.Late);
            },
            static r => new BusinessSeries(r.ReadString(), r.ReadInt64(), r.ReadInts(), r.ReadInts(), r.ReadInt64(),
                r.ReadDouble(), r.ReadDouble(), r.ReadBoolean(), r.ReadDouble(), r.ReadDouble(), r.ReadBoolean(),
                r.ReadInt64(), r.ReadInt64(), r.ReadInt64())),

        MessageCodec.Singleton("ST1", StopTracker.Instance),

        MessageCodec.For<TrafficRecorded>("SE1",
            static (w, e) =>
            {
                w.Write(e.Partition); w.Write(e.LastOffset); w.Write(e.PartitionReset); w.Write(e.ObservedSinceSecond);
                w.WriteStrings(e.BusinessIds); w.WriteInts(e.RunEnds); w.WriteLongs(e.Seconds); w.WriteInts(e.Counts);
            },
            static r => new TrafficRecorded(r.ReadInt32(), r.ReadInt64(), r.ReadBoolean(), r.ReadInt64(), r.ReadStrings(),
                r.ReadInts(), r.ReadLongs(), r.ReadInts())),

        MessageCodec.For<TrackerSnapshot>("SS1", WriteSnapshot, ReadSnapshot),
    ];

    private static void WriteSnapshot(BinaryWriter w, TrackerSnapshot t)
    {
        w.Write(t.Watermarks.Count);
        foreach (var (partition, offset) in t.Watermarks) { w.Write(partition); w.Write(offset); }
        w.Write(t.NewestAppliedSecond);
        w.WriteStrings(t.BusinessIds);
        foreach (var traffic in t.Businesses) WriteTraffic(w, traffic);
    }

    private static TrackerSnapshot ReadSnapshot(BinaryReader r)
    {
        var count = r.ReadInt32();
        var watermarks = new Dictionary<int, long>(count);
        for (var i = 0; i < count; i++) watermarks[r.ReadInt32()] = r.ReadInt64();
        var newest = r.ReadInt64();
        var ids = r.ReadStrings();
        var businesses = new BusinessTrafficState[ids.Length];
        for (var i = 0; i < ids.Length; i++) businesses[i] = ReadTraffic(r);
        return new TrackerSnapshot(watermarks, newest, ids, businesses);
    }

    private static void WriteTraffic(BinaryWriter w, BusinessTrafficState s)
    {
        w.Write(s.HeadSecond); w.WriteInts(s.WindowCounts); w.Write(s.LastMinute); w.WriteInts(s.MinuteCounts);
        w.Write(s.BaselineMean); w.Write(s.BaselineVariance); w.Write(s.BaselineSamples);
        w.Write(s.FirstSeenSecond); w.Write(s.BaselineThroughMinute); w.Write(s.Total); w.Write(s.Late);
        w.Write(s.Surging); w.Write(s.SurgeSinceSecond); w.Write(s.Score); w.Write(s.PeakScore);
    }

    private static BusinessTrafficState ReadTraffic(BinaryReader r) => new(
        r.ReadInt64(), r.ReadInts(), r.ReadInt64(), r.ReadInts(),
        r.ReadDouble(), r.ReadDouble(), r.ReadInt64(),
        r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(),
        r.ReadBoolean(), r.ReadInt64(), r.ReadDouble(), r.ReadDouble());
}
