using Holler.Domain;
using Holler.Domain.Detection;
using Holler.Domain.Traffic;
using Holler.Tracking;

namespace Holler.Serialization;

/// <summary>The shard trackers' protocol and what they persist. Manifests are stored with every journal entry and
/// snapshot: never change one; a new format gets a new manifest and the old reader stays.</summary>
internal static class TrackerCodecs
{
    public static readonly MessageCodec[] All =
    [
        // SB2: SB1, the last offset sent before (checkpoint durability), then the events' dimensions (a flag first: a batch
        // may come without them). SA1 (no durable offset) went with checkpoints: never persisted, so only nodes of one
        // version talk to each other during a rolling upgrade's few seconds of mixed membership.
        MessageCodec.For<TrafficBatch>("SB2",
            static (w, b) =>
            {
                WriteBatchV1(w, b);
                w.Write(b.PreviousOffset);
                w.Write(b.Dimensions is not null);
                if (b.Dimensions is { } d)
                {
                    w.WriteBytes(d.Platforms); w.WriteBytes(d.StatusClasses); w.WriteStrings(d.Values);
                    w.WriteInts(d.Paths); w.WriteInts(d.Referrers); w.WriteInts(d.Regions); w.WriteULongs(d.Users);
                }
            },
            static r =>
            {
                var batch = ReadBatchV1(r) with { PreviousOffset = r.ReadInt64() };
                if (!r.ReadBoolean()) return batch;
                return batch with
                {
                    Dimensions = new BatchDimensions(r.ReadBytes(), r.ReadBytes(), r.ReadStrings(), r.ReadInts(), r.ReadInts(),
                        r.ReadInts(), r.ReadULongs()),
                };
            }),

        MessageCodec.For<TrafficBatchAck>("SA2",
            static (w, a) => { w.Write(a.Shard); w.Write(a.Applied); w.Write(a.Duplicates); w.Write(a.DurableUpTo); },
            static r => new TrafficBatchAck(r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt64())),

        MessageCodec.For<TrafficBatchNotDurable>("SN1",
            static (w, n) => { w.Write(n.Shard); w.Write(n.Reason); },
            static r => new TrafficBatchNotDurable(r.ReadInt32(), r.ReadString())),

        MessageCodec.For<TrafficBatchBehind>("SX1",
            static (w, b) => { w.Write(b.Shard); w.Write(b.Partition); w.Write(b.AppliedUpTo); },
            static r => new TrafficBatchBehind(r.ReadInt32(), r.ReadInt32(), r.ReadInt64())),

        MessageCodec.For<CheckpointRequest>("SK1",
            static (w, c) => { w.Write(c.Shard); w.Write(c.Force); WriteOffsets(w, c.SentUpTo); },
            static r => new CheckpointRequest(r.ReadInt32(), r.ReadBoolean(), ReadOffsets(r))),

        MessageCodec.For<ShardDurable>("SD1",
            static (w, d) => { w.Write(d.Shard); WriteOffsets(w, d.DurableUpTo); w.Write(d.Lost); },
            static r => new ShardDurable(r.ReadInt32(), ReadOffsets(r), r.ReadBoolean())),

        MessageCodec.For<GetBusinessSeries>("GS1",
            static (w, g) => w.Write(g.BusinessId),
            static r => new GetBusinessSeries(r.ReadString())),

        // BS1 (a flat baseline and its standard deviation) went with the seasonal model: it is never persisted, so only
        // nodes of one version talk to each other during a rolling upgrade's few seconds of mixed membership.
        // BS2 (no dimensions) is not read: like BS1 it is never persisted, only asked for and answered.
        MessageCodec.For<BusinessSeries>("BS3",
            static (w, s) =>
            {
                w.Write(s.BusinessId); w.Write(s.HeadSecond); w.WriteInts(s.WindowCounts); w.WriteInts(s.MinuteCounts);
                w.Write(s.Count); w.Write(s.Baseline); w.Write(s.BandLow); w.Write(s.BandHigh); w.Write(s.Warm);
                w.Write(s.Score); w.Write(s.Ratio); w.Write(s.Surging); w.Write(s.SurgeSinceMs); w.Write(s.Total); w.Write(s.Late);
                w.WriteDoubles(s.ExpectedMinutes); w.WriteDoubles(s.BandLowMinutes); w.WriteDoubles(s.BandHighMinutes);
                w.Write(s.ShiftMinutes); w.Write(s.AdoptAfterMinutes); w.Write(s.Drop); w.WriteSummary(s.Dimensions);
            },
            static r => new BusinessSeries(r.ReadString(), r.ReadInt64(), r.ReadInts(), r.ReadInts(), r.ReadInt64(),
                r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadBoolean(), r.ReadDouble(), r.ReadDouble(), r.ReadBoolean(),
                r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadDoubles(), r.ReadDoubles(), r.ReadDoubles(),
                r.ReadInt32(), r.ReadInt32(), r.ReadBoolean(), r.ReadSummary())),

        MessageCodec.Singleton("ST1", StopTracker.Instance),

        MessageCodec.For<TrafficRecorded>("SE1",
            static (w, e) =>
            {
                w.Write(e.Partition); w.Write(e.LastOffset); w.Write(e.PartitionReset); w.Write(e.ObservedSinceSecond);
                w.WriteStrings(e.BusinessIds); w.WriteInts(e.RunEnds); w.WriteLongs(e.Seconds); w.WriteInts(e.Counts);
            },
            static r => new TrafficRecorded(r.ReadInt32(), r.ReadInt64(), r.ReadBoolean(), r.ReadInt64(), r.ReadStrings(),
                r.ReadInts(), r.ReadLongs(), r.ReadInts())),

        // SS2: every business as a BusinessTrafficState, written here. Trackers save SS3 now; SS2 stays readable (and
        // writable: tests and the checkpoint benchmark compare against it).
        MessageCodec.For<TrackerSnapshot>("SS2", WriteSnapshot, ReadSnapshot),

        // SS3: the shard written by its tracker straight from live state (format: ShardState.Checkpoint.cs).
        MessageCodec.Raw<ShardCheckpoint>("SS3", static c => c.Bytes, static b => new ShardCheckpoint(b)),
    ];

    /// <summary>Formats still read but no longer written.</summary>
    public static readonly (string Manifest, Func<BinaryReader, object> Read)[] Retired =
    [
        // SS1: a flat baseline (EW mean and variance of the minute counts) and no rhythms. The mean becomes the level
        // and the variance over the mean the spread, which is what it measured (Poisson noise has variance = mean).
        ("SS1", static r => ReadSnapshotV1(r)),
        // SB1: a batch without dimensions, from a node of the previous version during a rolling upgrade.
        ("SB1", static r => ReadBatchV1(r)),
    ];

    private static void WriteBatchV1(BinaryWriter w, TrafficBatch b)
    {
        w.Write(b.Shard); w.Write(b.Partition); w.Write(b.LogEndOffset); w.WriteStrings(b.BusinessIds);
        w.WriteInts(b.Businesses); w.WriteLongs(b.Offsets); w.WriteLongs(b.Seconds); w.Write(b.ObservedSinceSecond);
    }

    private static TrafficBatch ReadBatchV1(BinaryReader r) =>
        new(r.ReadInt32(), r.ReadInt32(), r.ReadInt64(), r.ReadStrings(), r.ReadInts(), r.ReadLongs(), r.ReadLongs(), r.ReadInt64());

    private static void WriteOffsets(BinaryWriter w, IReadOnlyDictionary<int, long> offsets)
    {
        w.Write(offsets.Count);
        foreach (var (partition, offset) in offsets) { w.Write(partition); w.Write(offset); }
    }

    private static Dictionary<int, long> ReadOffsets(BinaryReader r)
    {
        var count = r.ReadInt32();
        var offsets = new Dictionary<int, long>(count);
        for (var i = 0; i < count; i++) offsets[r.ReadInt32()] = r.ReadInt64();
        return offsets;
    }

    private static void WriteSnapshot(BinaryWriter w, TrackerSnapshot t)
    {
        w.Write(t.Watermarks.Count);
        foreach (var (partition, offset) in t.Watermarks) { w.Write(partition); w.Write(offset); }
        w.Write(t.NewestAppliedSecond);
        w.WriteStrings(t.BusinessIds);
        foreach (var traffic in t.Businesses) WriteTraffic(w, traffic);
        w.Write(t.Profiles.Length);
        foreach (var profile in t.Profiles)
        {
            w.Write(profile.Key); w.WriteDoubles(profile.Values); w.WriteDoubles(profile.Visits); w.WriteDoubles(profile.Sums);
        }
    }

    private static TrackerSnapshot ReadSnapshot(BinaryReader r)
    {
        var (watermarks, newest, ids) = ReadSnapshotHead(r);
        var businesses = new BusinessTrafficState[ids.Length];
        for (var i = 0; i < ids.Length; i++) businesses[i] = ReadTraffic(r);
        var profiles = new SeasonalProfileState[r.ReadInt32()];
        for (var i = 0; i < profiles.Length; i++)
            profiles[i] = new SeasonalProfileState(r.ReadString(), r.ReadDoubles(), r.ReadDoubles(), r.ReadDoubles());
        return new TrackerSnapshot(watermarks, newest, ids, businesses, profiles);
    }

    private static TrackerSnapshot ReadSnapshotV1(BinaryReader r)
    {
        var (watermarks, newest, ids) = ReadSnapshotHead(r);
        var businesses = new BusinessTrafficState[ids.Length];
        for (var i = 0; i < ids.Length; i++) businesses[i] = ReadTrafficV1(r);
        return new TrackerSnapshot(watermarks, newest, ids, businesses, []);
    }

    private static (Dictionary<int, long> Watermarks, long Newest, string[] Ids) ReadSnapshotHead(BinaryReader r)
    {
        var count = r.ReadInt32();
        var watermarks = new Dictionary<int, long>(count);
        for (var i = 0; i < count; i++) watermarks[r.ReadInt32()] = r.ReadInt64();
        return (watermarks, r.ReadInt64(), r.ReadStrings());
    }

    private static void WriteTraffic(BinaryWriter w, BusinessTrafficState s)
    {
        w.Write(s.HeadSecond); w.WriteInts(s.WindowCounts); w.Write(s.LastMinute); w.WriteInts(s.MinuteCounts);
        var b = s.Baseline;
        w.Write(b.Level); w.Write(b.Slow); w.Write(b.FastLevel); w.Write(b.Spread); w.Write(b.Samples); w.Write(b.ShiftRun);
        w.Write(s.FirstSeenSecond); w.Write(s.BaselineThroughMinute); w.Write(s.Total); w.Write(s.Late);
        w.Write(s.Surging); w.Write(s.SurgeSinceSecond); w.Write(s.Score); w.Write(s.PeakScore); w.Write(s.Drop);
    }

    private static BusinessTrafficState ReadTraffic(BinaryReader r) => new(
        r.ReadInt64(), r.ReadInts(), r.ReadInt64(), r.ReadInts(),
        new BaselineState
        {
            Level = r.ReadDouble(), Slow = r.ReadDouble(), FastLevel = r.ReadDouble(), Spread = r.ReadDouble(),
            Samples = r.ReadInt32(), ShiftRun = r.ReadInt32(),
        },
        r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(),
        r.ReadBoolean(), r.ReadInt64(), r.ReadDouble(), r.ReadDouble(), r.ReadBoolean());

    private static BusinessTrafficState ReadTrafficV1(BinaryReader r)
    {
        var (head, window, lastMinute, minutes) = (r.ReadInt64(), r.ReadInts(), r.ReadInt64(), r.ReadInts());
        var (mean, variance, samples) = (r.ReadDouble(), r.ReadDouble(), r.ReadInt64());
        var baseline = new BaselineState
        {
            Level = mean, Slow = mean, FastLevel = mean, Spread = variance / Math.Max(mean, 1),
            Samples = (int)Math.Min(samples, int.MaxValue),
        };
        var (firstSeen, through, total, late) = (r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
        var (surging, since) = (r.ReadBoolean(), r.ReadInt64());
        // Scores were z-scores then; on today's scale they are the severities those deviations have (none below 0).
        static double Severity(double z) => z > 0 ? NormalTail.Log10Upper(z) : 0;
        var (score, peak) = (Severity(r.ReadDouble()), Severity(r.ReadDouble()));
        return new BusinessTrafficState(head, window, lastMinute, minutes, baseline, firstSeen, through, total, late,
            surging, since, score, peak);
    }
}
