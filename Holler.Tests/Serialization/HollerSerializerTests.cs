using Holler.Domain;
using Akka.Hosting;
using Akka.Serialization;
using Holler.Domain.Detection;
using Holler.Domain.Dimensions;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;
using Holler.Ingest;
using Holler.Leaderboard;
using Holler.Serialization;
using Holler.Tracking;

namespace Holler.Tests.Serialization;

public sealed class HollerSerializerTests(ITestOutputHelper output) : Akka.Hosting.TestKit.TestKit(nameof(HollerSerializerTests), output, startupTimeout: TimeSpan.FromSeconds(30))
{
    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.AddHollerSerialization();

    private static readonly LeaderboardEntry EntryA = new("biz-a", 7.25, 1234, 310.5, 3.97, 1_750_000_000_000, 1_750_000_012_345);
    private static readonly LeaderboardEntry EntryB = new("biz-ü", -0.5, 0, 0.0, double.MaxValue, 0, long.MaxValue);
    private static readonly LeaderboardEntry DropEntry = new("biz-d", 9.5, 3, 40.25, 0.075, 1_750_000_000_000, 1_750_000_012_345, Drop: true);

    // ---- the binding ----

    public static TheoryData<string> BoundMessageNames() => new(Samples().Keys.ToArray());

    [Theory]
    [MemberData(nameof(BoundMessageNames))]
    public void EveryMessageIsBoundToHollerSerializerNotJson(string name)
    {
        var serializer = Sys.Serialization.FindSerializerFor(Samples()[name]);

        Assert.IsType<HollerSerializer>(serializer);
        Assert.Equal(HollerSerializer.Id, serializer.Identifier);
    }

    [Fact]
    public void SamplesCoverEveryManifest()
    {
        var serializer = (HollerSerializer)Sys.Serialization.FindSerializerForType(typeof(TrafficBatch));
        var manifests = Samples().Values.Select(serializer.Manifest).ToHashSet();

        Assert.Equal(["BS3", "GH1", "GL1", "GS1", "IN1", "LU3", "SA2", "SB2", "SC3", "SD1", "SE1", "SH3", "SK1", "SN1", "SR3", "SS2", "SS3", "ST1", "SX1"], manifests.Order());
    }

    // ---- round trips, field by field ----

    [Fact]
    public void TrafficBatchRoundTrips()
    {
        var original = new TrafficBatch(42, 3, 1_000_001, ["biz-1", "biz-ü"], [1, 0, 1], [999_997, 999_998, 1_000_000],
            [1_750_000_000, 1_750_000_000, 1_750_000_001], 1_749_999_000, 999_990);
        var copy = RoundTrip(original);

        Assert.Equal(original.PreviousOffset, copy.PreviousOffset);
        Assert.Equal(original.ObservedSinceSecond, copy.ObservedSinceSecond);
        Assert.Equal(original.Shard, copy.Shard);
        Assert.Equal(original.BusinessIds, copy.BusinessIds);
        Assert.Equal(original.Businesses, copy.Businesses);
        Assert.Equal(original.Partition, copy.Partition);
        Assert.Equal(original.LogEndOffset, copy.LogEndOffset);
        Assert.Equal(original.Offsets, copy.Offsets);
        Assert.Equal(original.Seconds, copy.Seconds);
    }

    [Fact]
    public void TrafficBatchDimensionsRoundTrip()
    {
        var dimensions = new BatchDimensions([(byte)Platform.Ios, (byte)Platform.Unknown, (byte)Platform.Web],
            [(byte)StatusClass.Success, (byte)StatusClass.ServerError, (byte)StatusClass.Unknown], ["/menu", "search", "US-CA-06037"],
            [0, -1, 0], [1, 1, -1], [2, -1, 2], [ulong.MaxValue, 0, 42]);
        var original = new TrafficBatch(1, 2, 3, ["biz-1"], [0, 0, 0], [4, 5, 6], [7, 8, 9], 1, PreviousOffset: 3, Dimensions: dimensions);

        var copy = RoundTrip(original).Dimensions!;

        Assert.Equal(dimensions.Platforms, copy.Platforms);
        Assert.Equal(dimensions.StatusClasses, copy.StatusClasses);
        Assert.Equal(dimensions.Values, copy.Values);
        Assert.Equal(dimensions.Paths, copy.Paths);
        Assert.Equal(dimensions.Referrers, copy.Referrers);
        Assert.Equal(dimensions.Regions, copy.Regions);
        Assert.Equal(dimensions.Users, copy.Users);
        Assert.Equal("/menu", copy.PathAt(2));
        Assert.Null(copy.RegionAt(1));
    }

    [Fact]
    public void A_batch_without_dimensions_stays_without()
    {
        Assert.Null(RoundTrip(new TrafficBatch(1, 2, 3, ["biz-1"], [0], [4], [7])).Dimensions);
    }

    /// <summary>SB1, as a node of the previous version sends it during a rolling upgrade: the same fields as SB2's
    /// head, and no dimensions.</summary>
    [Fact]
    public void ReadsBatchesOfFormatVersion1()
    {
        using var bytes = new MemoryStream();
        using (var w = new BinaryWriter(bytes))
        {
            w.Write(42); w.Write(3); w.Write(1_000_001L);
            w.Write(2); w.Write("biz-1"); w.Write("biz-ü");
            w.Write(2); w.Write(1); w.Write(0);
            w.Write(2); w.Write(999_998L); w.Write(1_000_000L);
            w.Write(2); w.Write(1_750_000_000L); w.Write(1_750_000_001L);
            w.Write(1_749_999_000L);
        }

        var batch = (TrafficBatch)Sys.Serialization.Deserialize(bytes.ToArray(), HollerSerializer.Id, "SB1");

        Assert.Equal((42, 3, 1_000_001L, 1_749_999_000L), (batch.Shard, batch.Partition, batch.LogEndOffset, batch.ObservedSinceSecond));
        Assert.Equal(["biz-1", "biz-ü"], batch.BusinessIds);
        Assert.Equal([1, 0], batch.Businesses);
        Assert.Equal([999_998L, 1_000_000L], batch.Offsets);
        Assert.Equal([1_750_000_000L, 1_750_000_001L], batch.Seconds);
        Assert.Null(batch.Dimensions);
    }

    [Fact]
    public void TrafficBatchWithUnknownLogEndAndNoEventsRoundTrips()
    {
        var copy = RoundTrip(new TrafficBatch(0, 0, -1, [], [], [], []));

        Assert.Empty(copy.BusinessIds);
        Assert.Equal(-1, copy.LogEndOffset);
        Assert.Empty(copy.Offsets);
        Assert.Empty(copy.Seconds);
    }

    [Fact]
    public void TrafficBatchAckRoundTrips() =>
        Assert.Equal(new TrafficBatchAck(99, 17, 4, 8_589_934_592), RoundTrip(new TrafficBatchAck(99, 17, 4, 8_589_934_592)));

    [Fact]
    public void TrafficBatchBehindRoundTrips() =>
        Assert.Equal(new TrafficBatchBehind(9, 2, 41), RoundTrip(new TrafficBatchBehind(9, 2, 41)));

    [Fact]
    public void CheckpointRequestAndShardDurableRoundTrip()
    {
        var request = RoundTrip(new CheckpointRequest(7, true, new Dictionary<int, long> { [0] = 12, [3] = 8_589_934_592 }));
        Assert.Equal((7, true), (request.Shard, request.Force));
        Assert.Equal(new Dictionary<int, long> { [0] = 12, [3] = 8_589_934_592 }, request.SentUpTo);

        var durable = RoundTrip(new ShardDurable(7, new Dictionary<int, long> { [1] = -1, [2] = 99 }, true));
        Assert.Equal((7, true), (durable.Shard, durable.Lost));
        Assert.Equal(new Dictionary<int, long> { [1] = -1, [2] = 99 }, durable.DurableUpTo);
    }

    [Fact]
    public void TrafficBatchNotDurableRoundTrips() =>
        Assert.Equal(new TrafficBatchNotDurable(7, "journal: connection refused"),
            RoundTrip(new TrafficBatchNotDurable(7, "journal: connection refused")));

    [Fact]
    public void GetBusinessSeriesRoundTrips() =>
        Assert.Equal(new GetBusinessSeries("biz-🙂"), RoundTrip(new GetBusinessSeries("biz-🙂")));

    [Fact]
    public void BusinessSeriesRoundTrips()
    {
        var original = SampleSeries();
        var copy = RoundTrip(original);

        Assert.Equal(original.BusinessId, copy.BusinessId);
        Assert.Equal(original.HeadSecond, copy.HeadSecond);
        Assert.Equal(original.WindowCounts, copy.WindowCounts);
        Assert.Equal(original.MinuteCounts, copy.MinuteCounts);
        Assert.Equal(original.Count, copy.Count);
        Assert.Equal(original.Baseline, copy.Baseline);
        Assert.Equal(original.BandLow, copy.BandLow);
        Assert.Equal(original.BandHigh, copy.BandHigh);
        Assert.Equal(original.Warm, copy.Warm);
        Assert.Equal(original.Score, copy.Score);
        Assert.Equal(original.Ratio, copy.Ratio);
        Assert.Equal(original.Surging, copy.Surging);
        Assert.Equal(original.SurgeSinceMs, copy.SurgeSinceMs);
        Assert.Equal(original.Total, copy.Total);
        Assert.Equal(original.Late, copy.Late);
        Assert.Equal(original.ExpectedMinutes, copy.ExpectedMinutes);
        Assert.Equal(original.BandLowMinutes, copy.BandLowMinutes);
        Assert.Equal(original.BandHighMinutes, copy.BandHighMinutes);
        Assert.Equal(original.ShiftMinutes, copy.ShiftMinutes);
        Assert.Equal(original.AdoptAfterMinutes, copy.AdoptAfterMinutes);
        Assert.Equal(original.Drop, copy.Drop);
        Assert.Null(copy.Dimensions);
    }

    [Fact]
    public void BusinessSeriesCarriesItsDimensionSummary()
    {
        var summary = new DimensionSummary([Driver], [Driver, new Driver(Dimension.Status, "5xx", 0.4, 0.05)], 812.5, 3_100, 40_000,
            0.13, 0.4, 0.05, 31.25, 1_750_000_000_000);

        var copy = RoundTrip(SampleSeries() with { Dimensions = summary }).Dimensions!;

        Assert.Equal(summary.Drivers, copy.Drivers);
        Assert.Equal(summary.Values, copy.Values);
        Assert.Equal(summary with { Drivers = copy.Drivers, Values = copy.Values }, copy);
        Assert.True(copy.ErrorSurging);
    }

    [Fact]
    public void EntriesAndRecordsCarryDriversAndTheErrorFlag()
    {
        var entry = EntryA with { Drivers = [Driver, new Driver(Dimension.Path, "/menü", 0.6, 0.1)], Errors = true };
        var record = SurgeA with { Drivers = entry.Drivers, Errors = true };

        var change = RoundTrip(new SurgeChanged("biz-a", true, entry));
        var board = RoundTrip(new LeaderboardUpdated([EntryA], 1, 2, 3, [entry], 4));
        var recorded = RoundTrip(new SurgeRecorded(record));

        Assert.True(change.Entry.LooksLike(entry) && change.Entry.UpdatedMs == entry.UpdatedMs);
        Assert.True(change.Entry.Errors);
        Assert.Equal(entry.Drivers, change.Entry.DriversOrEmpty);
        Assert.Equal([EntryA], board.Top);
        Assert.True(board.ErrorTopOrEmpty.Single().LooksLike(entry));
        Assert.Equal(4, board.ErrorSurging);
        Assert.Equal(record.Drivers, recorded.Record.DriversOrEmpty);
        Assert.Equal(("errors", true), (recorded.Record.Kind, recorded.Record.Errors));
    }

    private static readonly Driver Driver = new(Dimension.Platform, "app", 0.82, 0.3);

    // ---- version 2 of the leaderboard protocol (before drivers and error surges), still read for a rolling upgrade ----

    [Fact]
    public void LeaderboardProtocolOfVersion2ReadsWithoutDriversOrErrors()
    {
        var change = Assert.IsType<SurgeChanged>(Sys.Serialization.Deserialize(
            V1Bytes(w => { w.Write("biz-d"); w.Write(true); WriteEntryV1(w, DropEntry); w.Write(true); }), HollerSerializer.Id, "SC2"));
        var board = Assert.IsType<LeaderboardUpdated>(Sys.Serialization.Deserialize(V1Bytes(w =>
        {
            w.Write(1); WriteEntryV1(w, EntryA); w.Write(false);
            w.Write(1); w.Write(2L); w.Write(3L);
        }), HollerSerializer.Id, "LU2"));
        var recorded = Assert.IsType<SurgeRecorded>(Sys.Serialization.Deserialize(
            V1Bytes(w => { WriteSurgeV1(w, SurgeA); w.Write(false); }), HollerSerializer.Id, "SR2"));
        var history = Assert.IsType<SurgeHistoryReply>(Sys.Serialization.Deserialize(
            V1Bytes(w => { w.Write(1); WriteSurgeV1(w, SurgeA); w.Write(true); }), HollerSerializer.Id, "SH2"));

        Assert.Equal(new SurgeChanged("biz-d", true, DropEntry), change);
        Assert.Equal([EntryA], board.Top);
        Assert.Empty(board.ErrorTopOrEmpty);
        Assert.Equal(SurgeA, recorded.Record);
        Assert.Equal(SurgeA with { Drop = true }, history.Recent.Single());
        Assert.False(history.Recent.Single().Errors);
    }

    [Fact]
    public void StopTrackerRoundTripsToTheSingleton() =>
        Assert.Same(StopTracker.Instance, RoundTrip(StopTracker.Instance));

    [Fact]
    public void GetLeaderboardRoundTripsToTheSingleton() =>
        Assert.Same(GetLeaderboard.Instance, RoundTrip(GetLeaderboard.Instance));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SurgeChangedRoundTrips(bool surging)
    {
        var original = new SurgeChanged("biz-a", surging, EntryA);

        // LeaderboardEntry holds only scalars, so record equality compares every field.
        Assert.Equal(original, RoundTrip(original));
    }

    [Fact]
    public void SurgeChangedOfADropRoundTripsAsADrop()
    {
        var copy = RoundTrip(new SurgeChanged("biz-d", true, DropEntry));

        Assert.True(copy.Entry.Drop);
        Assert.Equal(DropEntry, copy.Entry);
    }

    // ---- version 1 of the leaderboard protocol (before drops), still read for a rolling upgrade ----

    [Fact]
    public void SurgeChangedOfVersion1ReadsAsASurge()
    {
        var bytes = V1Bytes(w => { w.Write("biz-a"); w.Write(true); WriteEntryV1(w, EntryA); });

        var read = Assert.IsType<SurgeChanged>(Sys.Serialization.Deserialize(bytes, HollerSerializer.Id, "SC1"));

        Assert.Equal(new SurgeChanged("biz-a", true, EntryA), read);
        Assert.False(read.Entry.Drop);
    }

    [Fact]
    public void LeaderboardUpdatedOfVersion1Reads()
    {
        var bytes = V1Bytes(w =>
        {
            w.Write(2); WriteEntryV1(w, EntryA); WriteEntryV1(w, EntryB);
            w.Write(12); w.Write(1_750_000_013_000L); w.Write(42L);
        });

        var read = Assert.IsType<LeaderboardUpdated>(Sys.Serialization.Deserialize(bytes, HollerSerializer.Id, "LU1"));

        Assert.Equal([EntryA, EntryB], read.Top);
        Assert.Equal((12, 1_750_000_013_000L, 42L), (read.Surging, read.PublishedAtMs, read.Sequence));
    }

    [Fact]
    public void SurgeRecordedAndHistoryOfVersion1ReadAsSurges()
    {
        var recorded = Assert.IsType<SurgeRecorded>(
            Sys.Serialization.Deserialize(V1Bytes(w => WriteSurgeV1(w, SurgeA)), HollerSerializer.Id, "SR1"));
        var history = Assert.IsType<SurgeHistoryReply>(Sys.Serialization.Deserialize(
            V1Bytes(w => { w.Write(2); WriteSurgeV1(w, SurgeOngoing); WriteSurgeV1(w, SurgeA); }), HollerSerializer.Id, "SH1"));

        Assert.Equal(SurgeA, recorded.Record);
        Assert.Equal([SurgeOngoing, SurgeA], history.Recent);
        Assert.DoesNotContain(history.Recent, r => r.Drop);
    }

    /// <summary>Bytes as the version-1 codecs wrote them (little-endian, length-prefixed strings).</summary>
    private static byte[] V1Bytes(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream)) write(w);
        return stream.ToArray();
    }

    private static void WriteEntryV1(BinaryWriter w, LeaderboardEntry e)
    {
        w.Write(e.BusinessId); w.Write(e.Score); w.Write(e.Count); w.Write(e.Baseline); w.Write(e.Ratio);
        w.Write(e.SinceMs); w.Write(e.UpdatedMs);
    }

    private static void WriteSurgeV1(BinaryWriter w, SurgeRecord s)
    {
        w.Write(s.BusinessId); w.Write(s.StartedMs); w.Write(s.EndedMs); w.Write(s.PeakScore); w.Write(s.PeakCount); w.Write(s.PeakRatio);
    }

    [Fact]
    public void TrafficRecordedRoundTrips()
    {
        var original = new TrafficRecorded(7, 123_456_789_012, true, 1_749_999_000, ["biz-a", "biz-b"], [1, 2],
            [1_750_000_000, 1_750_000_002], [5, 1]);
        var copy = RoundTrip(original);

        Assert.Equal(original.ObservedSinceSecond, copy.ObservedSinceSecond);
        Assert.Equal(original.BusinessIds, copy.BusinessIds);
        Assert.Equal(original.RunEnds, copy.RunEnds);
        Assert.Equal(original.Partition, copy.Partition);
        Assert.Equal(original.LastOffset, copy.LastOffset);
        Assert.Equal(original.PartitionReset, copy.PartitionReset);
        Assert.Equal(original.Seconds, copy.Seconds);
        Assert.Equal(original.Counts, copy.Counts);
    }

    [Fact]
    public void TrackerSnapshotRoundTrips()
    {
        var original = SampleSnapshot();
        AssertSnapshot(original, RoundTrip(original));
    }

    [Fact]
    public void SnapshotOfANeverSeenBusinessRoundTrips()
    {
        // A fresh business's state: empty window (head = long.MinValue), no minutes; and no watermarks.
        var traffic = new BusinessTraffic(BaselineSettings.Default, DetectorSettings.Default);
        var original = new TrackerSnapshot(new Dictionary<int, long>(), long.MinValue, ["biz-new"], [traffic.ToState()], []);

        AssertSnapshot(original, RoundTrip(original));
    }

    [Fact]
    public void LeaderboardUpdatedRoundTrips()
    {
        var original = new LeaderboardUpdated([EntryA, EntryB], 12, 1_750_000_013_000, 42);
        var copy = RoundTrip(original);

        Assert.Equal(original.Top, copy.Top); // element-wise: entries are scalar records
        Assert.Equal(original.Surging, copy.Surging);
        Assert.Equal(original.PublishedAtMs, copy.PublishedAtMs);
        Assert.Equal(original.Sequence, copy.Sequence);
    }

    [Fact]
    public void EmptyLeaderboardRoundTrips()
    {
        var copy = RoundTrip(new LeaderboardUpdated([], 0, 0, 0));

        Assert.Empty(copy.Top);
        Assert.Equal(0, copy.Surging);
    }

    [Fact]
    public void TheLargestBatchANodeBuildsFitsOneMessageBetweenNodes()
    {
        // Worst case: a whole micro-batch of the largest size accepted lands in one shard, every record a business of
        // its own with an id of the longest length accepted. Larger than the remote frame, it would be dropped.
        var records = Holler.Host.Configuration.NodeConfigValidator.MaxBatchRecords;
        var ids = Enumerable.Range(0, records)
            .Select(i => i.ToString("D10") + new string('x', Holler.Domain.TrafficEventParser.MaxBusinessIdBytes - 10)).ToArray();
        var batch = new TrafficBatch(0, 0, long.MaxValue, ids, Enumerable.Range(0, records).ToArray(),
            Enumerable.Range(0, records).Select(i => (long)i).ToArray(), Enumerable.Repeat(1_750_000_000L, records).ToArray(),
            1_750_000_000);

        var bytes = Sys.Serialization.FindSerializerFor(batch).ToBinary(batch);

        Assert.True(bytes.Length < Holler.Clustering.ClusterSetup.MaxFrameSizeBytes,
            $"{bytes.Length:N0} bytes, frame {Holler.Clustering.ClusterSetup.MaxFrameSizeBytes:N0}");
    }

    [Fact]
    public void UnknownManifestIsRejectedClearly()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(TrafficBatch));

        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary([], "XX9"));
        Assert.Contains("XX9", error.Message);
    }

    // ---- formats already written must stay readable ----

    /// <summary>
    /// <see cref="SampleSnapshot"/> as SS1 wrote it when the format was introduced. Never regenerate this string: if it
    /// stops deserializing to the sample, snapshots already stored stop loading. A new format gets a new manifest (SS2)
    /// and SS1's reader stays.
    /// </summary>
    private const string TrackerSnapshotV1Golden =
        "AwAAAAAAAAApAAAAAAAAAAMAAAAAGnEYAgAAAAsAAAAAAAAAAAAAANHhTmgAAAAAAgAAAAtiaXotc3VyZ2luZwdiaXotbmV3z+FO" +
        "aAAAAAA8AAAAAAAAAAcAAAAOAAAAFQAAAAUAAAAMAAAAEwAAAAMAAAAKAAAAEQAAAAEAAAAIAAAADwAAABYAAAAGAAAADQAAABQA" +
        "AAAEAAAACwAAABIAAAACAAAACQAAABAAAAAAAAAABwAAAA4AAAAVAAAABQAAAAwAAAATAAAAAwAAAAoAAAARAAAAAQAAAAgAAAAP" +
        "AAAAFgAAAAYAAAANAAAAFAAAAAQAAAALAAAAEgAAAAIAAAAJAAAAEAAAAAAAAAAHAAAADgAAABUAAAAFAAAADAAAABMAAAADAAAA" +
        "CgAAABEAAAABAAAACAAAAA8AAAAWAAAASwy9AQAAAAA8AAAAAAAAAPUBAAD2AQAA9wEAAPgBAAAAAAAA+gEAAPsBAAD8AQAA/QEA" +
        "AAAAAAD/AQAAAAIAAAECAAACAgAAAAAAAAQCAAAFAgAABgIAAAcCAAAAAAAACQIAAAoCAAALAgAADAIAAAAAAAAOAgAADwIAABAC" +
        "AAARAgAAAAAAABMCAAAUAgAAFQIAABYCAAAAAAAAGAIAABkCAAAaAgAAGwIAAAAAAAAdAgAAHgIAAB8CAAAgAgAAAAAAACICAAAj" +
        "AgAAJAIAACUCAAAAAAAAJwIAACgCAAApAgAAKgIAAAAAAAAsAgAALQIAAC4CAAAvAgAAAAAAAAAkg0AAAAAAAAGQQCUAAAAAAAAA" +
        "0dhOaAAAAABJDL0BAAAAAJQmAAAAAAAADAAAAAAAAAABsuFOaAAAAAAAAAAAAIAUQAAAAAAAQBhAAAAAAAAAAIA8AAAAAAAAAAAA" +
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
        "AAAAAAAAAAAAAAAAAAAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIAAAAAAAAAAgAAAAAAAAAAAAAAAAAAA" +
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    /// <summary><see cref="SampleSnapshot"/> as SS2 wrote it when the format was introduced: never regenerate it either.</summary>
    private const string TrackerSnapshotV2Golden =
        "AwAAAAAAAAApAAAAAAAAAAMAAAAAGnEYAgAAAAsAAAAAAAAAAAAAANHhTmgAAAAAAgAAAAtiaXotc3VyZ2luZwdiaXotbmV3z+FOaAAAAAA8" +
        "AAAAAAAAAAcAAAAOAAAAFQAAAAUAAAAMAAAAEwAAAAMAAAAKAAAAEQAAAAEAAAAIAAAADwAAABYAAAAGAAAADQAAABQAAAAEAAAACwAAABIA" +
        "AAACAAAACQAAABAAAAAAAAAABwAAAA4AAAAVAAAABQAAAAwAAAATAAAAAwAAAAoAAAARAAAAAQAAAAgAAAAPAAAAFgAAAAYAAAANAAAAFAAA" +
        "AAQAAAALAAAAEgAAAAIAAAAJAAAAEAAAAAAAAAAHAAAADgAAABUAAAAFAAAADAAAABMAAAADAAAACgAAABEAAAABAAAACAAAAA8AAAAWAAAA" +
        "Swy9AQAAAAA8AAAAAAAAAPUBAAD2AQAA9wEAAPgBAAAAAAAA+gEAAPsBAAD8AQAA/QEAAAAAAAD/AQAAAAIAAAECAAACAgAAAAAAAAQCAAAF" +
        "AgAABgIAAAcCAAAAAAAACQIAAAoCAAALAgAADAIAAAAAAAAOAgAADwIAABACAAARAgAAAAAAABMCAAAUAgAAFQIAABYCAAAAAAAAGAIAABkC" +
        "AAAaAgAAGwIAAAAAAAAdAgAAHgIAAB8CAAAgAgAAAAAAACICAAAjAgAAJAIAACUCAAAAAAAAJwIAACgCAAApAgAAKgIAAAAAAAAsAgAALQIA" +
        "AC4CAAAvAgAAAAAAAAAkg0AAAAAAALKCQAAAAAAAAYRAAAAAAADA+j8lAAAA/f///9HYTmgAAAAASQy9AQAAAACUJgAAAAAAAAwAAAAAAAAA" +
        "AbLhTmgAAAAAAAAAAACAFEAAAAAAAEAYQAEAAAAAAAAAgDwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
        "AAAAAAAAAAAAAAAAAIAAAAAAAAAAgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIAAAAGcmV0YWlswAAAAFyP" +
        "wvUoXN+/uB6F61G4vr8AAAAAAADQP/YoXI/C9di/gBSuR+F6lL9mZmZmZmbWP5DC9Shcj9K/eBSuR+F6tD/MzMzMzMzcP1K4HoXrUci/DNej" +
        "cD0Kxz9xPQrXo3DdvwzXo3A9Cre/7FG4HoXr0T8K16NwPQrXv4AUrkfheoQ/UrgehetR2D+kcD0K16PQvyhcj8L1KLw/uB6F61G43j96FK5H" +
        "4XrEv+B6FK5H4co/hetRuB6F27+4HoXrUbiuv9ijcD0K19M/HoXrUbge1b+AFK5H4XqkPz4K16NwPdo/cD0K16Nwzb/sUbgehevBPwAAAAAA" +
        "AOC/pHA9CtejwL+4HoXrUbjOP5qZmZmZmdm/wB6F61G4nr/C9Shcj8LVPzMzMzMzM9O/6FG4HoXrsT8oXI/C9SjcP5qZmZmZmcm/xPUoXI/C" +
        "xT8UrkfhehTev5iZmZmZmbm/SOF6FK5H0T+uR+F6FK7XvwAAAAAAAAAArkfhehSu1z9I4XoUrkfRv5iZmZmZmbk/FK5H4XoU3j/C9Shcj8LF" +
        "v5iZmZmZmck/KVyPwvUo3L/sUbgeheuxvzQzMzMzM9M/wvUoXI/C1b/AHoXrUbieP5qZmZmZmdk/uB6F61G4zr+kcD0K16PAPwAAAAAAAOA/" +
        "7FG4HoXrwb9wPQrXo3DNPz4K16NwPdq/eBSuR+F6pL8ehetRuB7VP9ejcD0K19O/wB6F61G4rj+G61G4HoXbP+J6FK5H4cq/fBSuR+F6xD+4" +
        "HoXrUbjevyhcj8L1KLy/pHA9Ctej0D9SuB6F61HYv4AUrkfheoS/CtejcD0K1z/sUbgehevRvwjXo3A9Crc/cD0K16Nw3T8K16NwPQrHv1C4" +
        "HoXrUcg/zczMzMzM3L98FK5H4Xq0v5DC9Shcj9I/ZmZmZmZm1r+AFK5H4XqUP/YoXI/C9dg/AAAAAAAA0L+4HoXrUbi+P1yPwvUoXN8/NDMz" +
        "MzMzw78oXI/C9SjMP+F6FK5H4dq/mJmZmZmZqb96FK5H4XrUP3sUrkfhetS/oJmZmZmZqT/iehSuR+HaPyhcj8L1KMy/NDMzMzMzwz9cj8L1" +
        "KFzfv7gehetRuL6/AAAAAAAA0D/2KFyPwvXYv4AUrkfhepS/ZmZmZmZm1j+QwvUoXI/Sv3gUrkfherQ/zMzMzMzM3D9SuB6F61HIvwzXo3A9" +
        "Csc/cT0K16Nw3b8M16NwPQq3v+xRuB6F69E/CtejcD0K17+AFK5H4XqEP1K4HoXrUdg/pHA9Ctej0L8oXI/C9Si8P7gehetRuN4/ehSuR+F6" +
        "xL/gehSuR+HKP4XrUbgehdu/uB6F61G4rr/Yo3A9CtfTPx6F61G4HtW/gBSuR+F6pD8+CtejcD3aP3A9CtejcM2/7FG4HoXrwT8AAAAAAADg" +
        "v6RwPQrXo8C/uB6F61G4zj+amZmZmZnZv8AehetRuJ6/wvUoXI/C1T8zMzMzMzPTv+hRuB6F67E/KFyPwvUo3D+amZmZmZnJv8T1KFyPwsU/" +
        "FK5H4XoU3r+YmZmZmZm5v0jhehSuR9E/rkfhehSu178AAAAAAAAAAK5H4XoUrtc/SOF6FK5H0b+YmZmZmZm5PxSuR+F6FN4/wvUoXI/Cxb+Y" +
        "mZmZmZnJPylcj8L1KNy/7FG4HoXrsb80MzMzMzPTP8L1KFyPwtW/wB6F61G4nj+amZmZmZnZP7gehetRuM6/pHA9CtejwD8AAAAAAADgP+xR" +
        "uB6F68G/cD0K16NwzT8+CtejcD3av3gUrkfheqS/HoXrUbge1T/Xo3A9CtfTv8AehetRuK4/hutRuB6F2z/iehSuR+HKv3wUrkfhesQ/uB6F" +
        "61G43r8oXI/C9Si8v6RwPQrXo9A/UrgehetR2L+AFK5H4XqEvwrXo3A9Ctc/7FG4HoXr0b8I16NwPQq3P3A9CtejcN0/CtejcD0Kx79QuB6F" +
        "61HIP83MzMzMzNy/fBSuR+F6tL+QwvUoXI/SP2ZmZmZmZta/gBSuR+F6lD/2KFyPwvXYPwAAAAAAANC/uB6F61G4vj9cj8L1KFzfP8AAAAAA" +
        "AAAAAADAPwAAAAAAAPw/AAAAAAAAC0AAAAAAAAD2PwAAAAAAAAhAAAAAAAAA8D8AAAAAAAAFQAAAAAAAAOQ/AAAAAAAAAkAAAAAAAADQPwAA" +
        "AAAAAP4/AAAAAAAADEAAAAAAAAD4PwAAAAAAAAlAAAAAAAAA8j8AAAAAAAAGQAAAAAAAAOg/AAAAAAAAA0AAAAAAAADYPwAAAAAAAABAAAAA" +
        "AAAAAAAAAAAAAAD6PwAAAAAAAApAAAAAAAAA9D8AAAAAAAAHQAAAAAAAAOw/AAAAAAAABEAAAAAAAADgPwAAAAAAAAFAAAAAAAAAwD8AAAAA" +
        "AAD8PwAAAAAAAAtAAAAAAAAA9j8AAAAAAAAIQAAAAAAAAPA/AAAAAAAABUAAAAAAAADkPwAAAAAAAAJAAAAAAAAA0D8AAAAAAAD+PwAAAAAA" +
        "AAxAAAAAAAAA+D8AAAAAAAAJQAAAAAAAAPI/AAAAAAAABkAAAAAAAADoPwAAAAAAAANAAAAAAAAA2D8AAAAAAAAAQAAAAAAAAAAAAAAAAAAA" +
        "+j8AAAAAAAAKQAAAAAAAAPQ/AAAAAAAAB0AAAAAAAADsPwAAAAAAAARAAAAAAAAA4D8AAAAAAAABQAAAAAAAAMA/AAAAAAAA/D8AAAAAAAAL" +
        "QAAAAAAAAPY/AAAAAAAACEAAAAAAAADwPwAAAAAAAAVAAAAAAAAA5D8AAAAAAAACQAAAAAAAANA/AAAAAAAA/j8AAAAAAAAMQAAAAAAAAPg/" +
        "AAAAAAAACUAAAAAAAADyPwAAAAAAAAZAAAAAAAAA6D8AAAAAAAADQAAAAAAAANg/AAAAAAAAAEAAAAAAAAAAAAAAAAAAAPo/AAAAAAAACkAA" +
        "AAAAAAD0PwAAAAAAAAdAAAAAAAAA7D8AAAAAAAAEQAAAAAAAAOA/AAAAAAAAAUAAAAAAAADAPwAAAAAAAPw/AAAAAAAAC0AAAAAAAAD2PwAA" +
        "AAAAAAhAAAAAAAAA8D8AAAAAAAAFQAAAAAAAAOQ/AAAAAAAAAkAAAAAAAADQPwAAAAAAAP4/AAAAAAAADEAAAAAAAAD4PwAAAAAAAAlAAAAA" +
        "AAAA8j8AAAAAAAAGQAAAAAAAAOg/AAAAAAAAA0AAAAAAAADYPwAAAAAAAABAAAAAAAAAAAAAAAAAAAD6PwAAAAAAAApAAAAAAAAA9D8AAAAA" +
        "AAAHQAAAAAAAAOw/AAAAAAAABEAAAAAAAADgPwAAAAAAAAFAAAAAAAAAwD8AAAAAAAD8PwAAAAAAAAtAAAAAAAAA9j8AAAAAAAAIQAAAAAAA" +
        "APA/AAAAAAAABUAAAAAAAADkPwAAAAAAAAJAAAAAAAAA0D8AAAAAAAD+PwAAAAAAAAxAAAAAAAAA+D8AAAAAAAAJQAAAAAAAAPI/AAAAAAAA" +
        "BkAAAAAAAADoPwAAAAAAAANAAAAAAAAA2D8AAAAAAAAAQAAAAAAAAAAAAAAAAAAA+j8AAAAAAAAKQAAAAAAAAPQ/AAAAAAAAB0AAAAAAAADs" +
        "PwAAAAAAAARAAAAAAAAA4D8AAAAAAAABQAAAAAAAAMA/AAAAAAAA/D8AAAAAAAALQAAAAAAAAPY/AAAAAAAACEAAAAAAAADwPwAAAAAAAAVA" +
        "AAAAAAAA5D8AAAAAAAACQAAAAAAAANA/AAAAAAAA/j8AAAAAAAAMQAAAAAAAAPg/AAAAAAAACUAAAAAAAADyPwAAAAAAAAZAAAAAAAAA6D8A" +
        "AAAAAAADQAAAAAAAANg/AAAAAAAAAEAAAAAAAAAAAAAAAAAAAPo/AAAAAAAACkAAAAAAAAD0PwAAAAAAAAdAAAAAAAAA7D8AAAAAAAAEQAAA" +
        "AAAAAOA/AAAAAAAAAUAAAAAAAADAPwAAAAAAAPw/AAAAAAAAC0AAAAAAAAD2PwAAAAAAAAhAAAAAAAAA8D8AAAAAAAAFQAAAAAAAAOQ/AAAA" +
        "AAAAAkAAAAAAAADQPwAAAAAAAP4/AAAAAAAADEAAAAAAAAD4PwAAAAAAAAlAAAAAAAAA8j8AAAAAAAAGQAAAAAAAAOg/AAAAAAAAA0ACAAAA" +
        "AAAAAAAA+D8AAAAAAADQvwDAAAAAuB6F61G43r8oXI/C9Si8v6RwPQrXo9A/UrgehetR2L+AFK5H4XqEvwrXo3A9Ctc/7FG4HoXr0b8I16Nw" +
        "PQq3P3A9CtejcN0/CtejcD0Kx79QuB6F61HIP83MzMzMzNy/fBSuR+F6tL+QwvUoXI/SP2ZmZmZmZta/gBSuR+F6lD/2KFyPwvXYPwAAAAAA" +
        "ANC/uB6F61G4vj9cj8L1KFzfPzQzMzMzM8O/KFyPwvUozD/hehSuR+Hav5iZmZmZmam/ehSuR+F61D97FK5H4XrUv6CZmZmZmak/4noUrkfh" +
        "2j8oXI/C9SjMvzQzMzMzM8M/XI/C9Shc37+4HoXrUbi+vwAAAAAAANA/9ihcj8L12L+AFK5H4XqUv2ZmZmZmZtY/kML1KFyP0r94FK5H4Xq0" +
        "P8zMzMzMzNw/UrgehetRyL8M16NwPQrHP3E9CtejcN2/DNejcD0Kt7/sUbgehevRPwrXo3A9Cte/gBSuR+F6hD9SuB6F61HYP6RwPQrXo9C/" +
        "KFyPwvUovD+4HoXrUbjeP3oUrkfhesS/4HoUrkfhyj+F61G4HoXbv7gehetRuK6/2KNwPQrX0z8ehetRuB7Vv4AUrkfheqQ/PgrXo3A92j9w" +
        "PQrXo3DNv+xRuB6F68E/AAAAAAAA4L+kcD0K16PAv7gehetRuM4/mpmZmZmZ2b/AHoXrUbiev8L1KFyPwtU/MzMzMzMz07/oUbgeheuxPyhc" +
        "j8L1KNw/mpmZmZmZyb/E9Shcj8LFPxSuR+F6FN6/mJmZmZmZub9I4XoUrkfRP65H4XoUrte/AAAAAAAAAACuR+F6FK7XP0jhehSuR9G/mJmZ" +
        "mZmZuT8UrkfhehTeP8L1KFyPwsW/mJmZmZmZyT8pXI/C9Sjcv+xRuB6F67G/NDMzMzMz0z/C9Shcj8LVv8AehetRuJ4/mpmZmZmZ2T+4HoXr" +
        "UbjOv6RwPQrXo8A/AAAAAAAA4D/sUbgehevBv3A9CtejcM0/PgrXo3A92r94FK5H4Xqkvx6F61G4HtU/16NwPQrX07/AHoXrUbiuP4brUbge" +
        "hds/4noUrkfhyr98FK5H4XrEP7gehetRuN6/KFyPwvUovL+kcD0K16PQP1K4HoXrUdi/gBSuR+F6hL8K16NwPQrXP+xRuB6F69G/CNejcD0K" +
        "tz9wPQrXo3DdPwrXo3A9Cse/ULgehetRyD/NzMzMzMzcv3wUrkfherS/kML1KFyP0j9mZmZmZmbWv4AUrkfhepQ/9ihcj8L12D8AAAAAAADQ" +
        "v7gehetRuL4/XI/C9Shc3z80MzMzMzPDvyhcj8L1KMw/4XoUrkfh2r+YmZmZmZmpv3oUrkfhetQ/exSuR+F61L+gmZmZmZmpP+J6FK5H4do/" +
        "KFyPwvUozL80MzMzMzPDP1yPwvUoXN+/uB6F61G4vr8AAAAAAADQP/YoXI/C9di/gBSuR+F6lL9mZmZmZmbWP5DC9Shcj9K/eBSuR+F6tD/M" +
        "zMzMzMzcP1K4HoXrUci/DNejcD0Kxz9xPQrXo3DdvwzXo3A9Cre/7FG4HoXr0T8K16NwPQrXv4AUrkfheoQ/UrgehetR2D+kcD0K16PQvyhc" +
        "j8L1KLw/uB6F61G43j96FK5H4XrEv+B6FK5H4co/hetRuB6F27+4HoXrUbiuv9ijcD0K19M/HoXrUbge1b+AFK5H4XqkPz4K16NwPdo/cD0K" +
        "16Nwzb/sUbgehevBPwAAAAAAAOC/pHA9CtejwL+4HoXrUbjOP5qZmZmZmdm/wB6F61G4nr/C9Shcj8LVPzMzMzMzM9O/6FG4HoXrsT8oXI/C" +
        "9SjcP5qZmZmZmcm/xPUoXI/CxT8UrkfhehTev5iZmZmZmbm/SOF6FK5H0T+uR+F6FK7XvwAAAAAAAAAArkfhehSu1z9I4XoUrkfRv5iZmZmZ" +
        "mbk/FK5H4XoU3j/C9Shcj8LFv5iZmZmZmck/KVyPwvUo3L/sUbgeheuxvzQzMzMzM9M/wvUoXI/C1b/AHoXrUbieP5qZmZmZmdk/uB6F61G4" +
        "zr+kcD0K16PAPwAAAAAAAOA/wAAAAAAAAAAAANA/AAAAAAAA/j8AAAAAAAAMQAAAAAAAAPg/AAAAAAAACUAAAAAAAADyPwAAAAAAAAZAAAAA" +
        "AAAA6D8AAAAAAAADQAAAAAAAANg/AAAAAAAAAEAAAAAAAAAAAAAAAAAAAPo/AAAAAAAACkAAAAAAAAD0PwAAAAAAAAdAAAAAAAAA7D8AAAAA" +
        "AAAEQAAAAAAAAOA/AAAAAAAAAUAAAAAAAADAPwAAAAAAAPw/AAAAAAAAC0AAAAAAAAD2PwAAAAAAAAhAAAAAAAAA8D8AAAAAAAAFQAAAAAAA" +
        "AOQ/AAAAAAAAAkAAAAAAAADQPwAAAAAAAP4/AAAAAAAADEAAAAAAAAD4PwAAAAAAAAlAAAAAAAAA8j8AAAAAAAAGQAAAAAAAAOg/AAAAAAAA" +
        "A0AAAAAAAADYPwAAAAAAAABAAAAAAAAAAAAAAAAAAAD6PwAAAAAAAApAAAAAAAAA9D8AAAAAAAAHQAAAAAAAAOw/AAAAAAAABEAAAAAAAADg" +
        "PwAAAAAAAAFAAAAAAAAAwD8AAAAAAAD8PwAAAAAAAAtAAAAAAAAA9j8AAAAAAAAIQAAAAAAAAPA/AAAAAAAABUAAAAAAAADkPwAAAAAAAAJA" +
        "AAAAAAAA0D8AAAAAAAD+PwAAAAAAAAxAAAAAAAAA+D8AAAAAAAAJQAAAAAAAAPI/AAAAAAAABkAAAAAAAADoPwAAAAAAAANAAAAAAAAA2D8A" +
        "AAAAAAAAQAAAAAAAAAAAAAAAAAAA+j8AAAAAAAAKQAAAAAAAAPQ/AAAAAAAAB0AAAAAAAADsPwAAAAAAAARAAAAAAAAA4D8AAAAAAAABQAAA" +
        "AAAAAMA/AAAAAAAA/D8AAAAAAAALQAAAAAAAAPY/AAAAAAAACEAAAAAAAADwPwAAAAAAAAVAAAAAAAAA5D8AAAAAAAACQAAAAAAAANA/AAAA" +
        "AAAA/j8AAAAAAAAMQAAAAAAAAPg/AAAAAAAACUAAAAAAAADyPwAAAAAAAAZAAAAAAAAA6D8AAAAAAAADQAAAAAAAANg/AAAAAAAAAEAAAAAA" +
        "AAAAAAAAAAAAAPo/AAAAAAAACkAAAAAAAAD0PwAAAAAAAAdAAAAAAAAA7D8AAAAAAAAEQAAAAAAAAOA/AAAAAAAAAUAAAAAAAADAPwAAAAAA" +
        "APw/AAAAAAAAC0AAAAAAAAD2PwAAAAAAAAhAAAAAAAAA8D8AAAAAAAAFQAAAAAAAAOQ/AAAAAAAAAkAAAAAAAADQPwAAAAAAAP4/AAAAAAAA" +
        "DEAAAAAAAAD4PwAAAAAAAAlAAAAAAAAA8j8AAAAAAAAGQAAAAAAAAOg/AAAAAAAAA0AAAAAAAADYPwAAAAAAAABAAAAAAAAAAAAAAAAAAAD6" +
        "PwAAAAAAAApAAAAAAAAA9D8AAAAAAAAHQAAAAAAAAOw/AAAAAAAABEAAAAAAAADgPwAAAAAAAAFAAAAAAAAAwD8AAAAAAAD8PwAAAAAAAAtA" +
        "AAAAAAAA9j8AAAAAAAAIQAAAAAAAAPA/AAAAAAAABUAAAAAAAADkPwAAAAAAAAJAAAAAAAAA0D8AAAAAAAD+PwAAAAAAAAxAAAAAAAAA+D8A" +
        "AAAAAAAJQAAAAAAAAPI/AAAAAAAABkAAAAAAAADoPwAAAAAAAANAAAAAAAAA2D8AAAAAAAAAQAAAAAAAAAAAAAAAAAAA+j8AAAAAAAAKQAAA" +
        "AAAAAPQ/AAAAAAAAB0AAAAAAAADsPwAAAAAAAARAAAAAAAAA4D8AAAAAAAABQAAAAAAAAMA/AAAAAAAA/D8AAAAAAAALQAAAAAAAAPY/AAAA" +
        "AAAACEAAAAAAAADwPwAAAAAAAAVAAAAAAAAA5D8AAAAAAAACQAAAAAAAANA/AAAAAAAA/j8AAAAAAAAMQAAAAAAAAPg/AAAAAAAACUAAAAAA" +
        "AADyPwAAAAAAAAZAAAAAAAAA6D8AAAAAAAADQAAAAAAAANg/AAAAAAAAAEAAAAAAAAAAAAAAAAAAAPo/AAAAAAAACkAAAAAAAAD0PwAAAAAA" +
        "AAdAAAAAAAAA7D8AAAAAAAAEQAIAAAAAAAAAAAAIQAAAAAAAAOC/";

    /// <summary><see cref="SampleCheckpoint"/> as SS3 wrote it when the format was introduced: never regenerate it either.</summary>
    private const string ShardCheckpointV3Golden =
        "AwApAAAAAAAAAAMAGnEYAgAAAAsAAAAAAAAAANHhTmgAAAAAAQDAAbgehetRuN6/KFyPwvUovL+kcD0K16PQP1K4HoXrUdi/gBSuR+F6hL8K16Nw" +
        "PQrXP+xRuB6F69G/CNejcD0Ktz9wPQrXo3DdPwrXo3A9Cse/ULgehetRyD/NzMzMzMzcv3wUrkfherS/kML1KFyP0j9mZmZmZmbWv4AUrkfhepQ/" +
        "9ihcj8L12D8AAAAAAADQv7gehetRuL4/XI/C9Shc3z80MzMzMzPDvyhcj8L1KMw/4XoUrkfh2r+YmZmZmZmpv3oUrkfhetQ/exSuR+F61L+gmZmZ" +
        "mZmpP+J6FK5H4do/KFyPwvUozL80MzMzMzPDP1yPwvUoXN+/uB6F61G4vr8AAAAAAADQP/YoXI/C9di/gBSuR+F6lL9mZmZmZmbWP5DC9Shcj9K/" +
        "eBSuR+F6tD/MzMzMzMzcP1K4HoXrUci/DNejcD0Kxz9xPQrXo3DdvwzXo3A9Cre/7FG4HoXr0T8K16NwPQrXv4AUrkfheoQ/UrgehetR2D+kcD0K" +
        "16PQvyhcj8L1KLw/uB6F61G43j96FK5H4XrEv+B6FK5H4co/hetRuB6F27+4HoXrUbiuv9ijcD0K19M/HoXrUbge1b+AFK5H4XqkPz4K16NwPdo/" +
        "cD0K16Nwzb/sUbgehevBPwAAAAAAAOC/pHA9CtejwL+4HoXrUbjOP5qZmZmZmdm/wB6F61G4nr/C9Shcj8LVPzMzMzMzM9O/6FG4HoXrsT8oXI/C" +
        "9SjcP5qZmZmZmcm/xPUoXI/CxT8UrkfhehTev5iZmZmZmbm/SOF6FK5H0T+uR+F6FK7XvwAAAAAAAAAArkfhehSu1z9I4XoUrkfRv5iZmZmZmbk/" +
        "FK5H4XoU3j/C9Shcj8LFv5iZmZmZmck/KVyPwvUo3L/sUbgeheuxvzQzMzMzM9M/wvUoXI/C1b/AHoXrUbieP5qZmZmZmdk/uB6F61G4zr+kcD0K" +
        "16PAPwAAAAAAAOA/7FG4HoXrwb9wPQrXo3DNPz4K16NwPdq/eBSuR+F6pL8ehetRuB7VP9ejcD0K19O/wB6F61G4rj+G61G4HoXbP+J6FK5H4cq/" +
        "fBSuR+F6xD+4HoXrUbjevyhcj8L1KLy/pHA9Ctej0D9SuB6F61HYv4AUrkfheoS/CtejcD0K1z/sUbgehevRvwjXo3A9Crc/cD0K16Nw3T8K16Nw" +
        "PQrHv1C4HoXrUcg/zczMzMzM3L98FK5H4Xq0v5DC9Shcj9I/ZmZmZmZm1r+AFK5H4XqUP/YoXI/C9dg/AAAAAAAA0L+4HoXrUbi+P1yPwvUoXN8/" +
        "NDMzMzMzw78oXI/C9SjMP+F6FK5H4dq/mJmZmZmZqb96FK5H4XrUP3sUrkfhetS/oJmZmZmZqT/iehSuR+HaPyhcj8L1KMy/NDMzMzMzwz9cj8L1" +
        "KFzfv7gehetRuL6/AAAAAAAA0D/2KFyPwvXYv4AUrkfhepS/ZmZmZmZm1j+QwvUoXI/Sv3gUrkfherQ/zMzMzMzM3D9SuB6F61HIvwzXo3A9Csc/" +
        "cT0K16Nw3b8M16NwPQq3v+xRuB6F69E/CtejcD0K17+AFK5H4XqEP1K4HoXrUdg/pHA9Ctej0L8oXI/C9Si8P7gehetRuN4/ehSuR+F6xL/gehSu" +
        "R+HKP4XrUbgehdu/uB6F61G4rr/Yo3A9CtfTPx6F61G4HtW/gBSuR+F6pD8+CtejcD3aP3A9CtejcM2/7FG4HoXrwT8AAAAAAADgv6RwPQrXo8C/" +
        "uB6F61G4zj+amZmZmZnZv8AehetRuJ6/wvUoXI/C1T8zMzMzMzPTv+hRuB6F67E/KFyPwvUo3D+amZmZmZnJv8T1KFyPwsU/FK5H4XoU3r+YmZmZ" +
        "mZm5v0jhehSuR9E/rkfhehSu178AAAAAAAAAAK5H4XoUrtc/SOF6FK5H0b+YmZmZmZm5PxSuR+F6FN4/wvUoXI/Cxb+YmZmZmZnJPylcj8L1KNy/" +
        "7FG4HoXrsb80MzMzMzPTP8L1KFyPwtW/wB6F61G4nj+amZmZmZnZP7gehetRuM6/pHA9CtejwD8AAAAAAADgP8ABAAAAAAAA0D8AAAAAAAD+PwAA" +
        "AAAAAAxAAAAAAAAA+D8AAAAAAAAJQAAAAAAAAPI/AAAAAAAABkAAAAAAAADoPwAAAAAAAANAAAAAAAAA2D8AAAAAAAAAQAAAAAAAAAAAAAAAAAAA" +
        "+j8AAAAAAAAKQAAAAAAAAPQ/AAAAAAAAB0AAAAAAAADsPwAAAAAAAARAAAAAAAAA4D8AAAAAAAABQAAAAAAAAMA/AAAAAAAA/D8AAAAAAAALQAAA" +
        "AAAAAPY/AAAAAAAACEAAAAAAAADwPwAAAAAAAAVAAAAAAAAA5D8AAAAAAAACQAAAAAAAANA/AAAAAAAA/j8AAAAAAAAMQAAAAAAAAPg/AAAAAAAA" +
        "CUAAAAAAAADyPwAAAAAAAAZAAAAAAAAA6D8AAAAAAAADQAAAAAAAANg/AAAAAAAAAEAAAAAAAAAAAAAAAAAAAPo/AAAAAAAACkAAAAAAAAD0PwAA" +
        "AAAAAAdAAAAAAAAA7D8AAAAAAAAEQAAAAAAAAOA/AAAAAAAAAUAAAAAAAADAPwAAAAAAAPw/AAAAAAAAC0AAAAAAAAD2PwAAAAAAAAhAAAAAAAAA" +
        "8D8AAAAAAAAFQAAAAAAAAOQ/AAAAAAAAAkAAAAAAAADQPwAAAAAAAP4/AAAAAAAADEAAAAAAAAD4PwAAAAAAAAlAAAAAAAAA8j8AAAAAAAAGQAAA" +
        "AAAAAOg/AAAAAAAAA0AAAAAAAADYPwAAAAAAAABAAAAAAAAAAAAAAAAAAAD6PwAAAAAAAApAAAAAAAAA9D8AAAAAAAAHQAAAAAAAAOw/AAAAAAAA" +
        "BEAAAAAAAADgPwAAAAAAAAFAAAAAAAAAwD8AAAAAAAD8PwAAAAAAAAtAAAAAAAAA9j8AAAAAAAAIQAAAAAAAAPA/AAAAAAAABUAAAAAAAADkPwAA" +
        "AAAAAAJAAAAAAAAA0D8AAAAAAAD+PwAAAAAAAAxAAAAAAAAA+D8AAAAAAAAJQAAAAAAAAPI/AAAAAAAABkAAAAAAAADoPwAAAAAAAANAAAAAAAAA" +
        "2D8AAAAAAAAAQAAAAAAAAAAAAAAAAAAA+j8AAAAAAAAKQAAAAAAAAPQ/AAAAAAAAB0AAAAAAAADsPwAAAAAAAARAAAAAAAAA4D8AAAAAAAABQAAA" +
        "AAAAAMA/AAAAAAAA/D8AAAAAAAALQAAAAAAAAPY/AAAAAAAACEAAAAAAAADwPwAAAAAAAAVAAAAAAAAA5D8AAAAAAAACQAAAAAAAANA/AAAAAAAA" +
        "/j8AAAAAAAAMQAAAAAAAAPg/AAAAAAAACUAAAAAAAADyPwAAAAAAAAZAAAAAAAAA6D8AAAAAAAADQAAAAAAAANg/AAAAAAAAAEAAAAAAAAAAAAAA" +
        "AAAAAPo/AAAAAAAACkAAAAAAAAD0PwAAAAAAAAdAAAAAAAAA7D8AAAAAAAAEQAAAAAAAAOA/AAAAAAAAAUAAAAAAAADAPwAAAAAAAPw/AAAAAAAA" +
        "C0AAAAAAAAD2PwAAAAAAAAhAAAAAAAAA8D8AAAAAAAAFQAAAAAAAAOQ/AAAAAAAAAkAAAAAAAADQPwAAAAAAAP4/AAAAAAAADEAAAAAAAAD4PwAA" +
        "AAAAAAlAAAAAAAAA8j8AAAAAAAAGQAAAAAAAAOg/AAAAAAAAA0AAAAAAAADYPwAAAAAAAABAAAAAAAAAAAAAAAAAAAD6PwAAAAAAAApAAAAAAAAA" +
        "9D8AAAAAAAAHQAAAAAAAAOw/AAAAAAAABEAAAAAAAADgPwAAAAAAAAFAAAAAAAAAwD8AAAAAAAD8PwAAAAAAAAtAAAAAAAAA9j8AAAAAAAAIQAAA" +
        "AAAAAPA/AAAAAAAABUAAAAAAAADkPwAAAAAAAAJAAAAAAAAA0D8AAAAAAAD+PwAAAAAAAAxAAAAAAAAA+D8AAAAAAAAJQAAAAAAAAPI/AAAAAAAA" +
        "BkAAAAAAAADoPwAAAAAAAANAAAAAAAAA2D8AAAAAAAAAQAAAAAAAAAAAAAAAAAAA+j8AAAAAAAAKQAAAAAAAAPQ/AAAAAAAAB0AAAAAAAADsPwAA" +
        "AAAAAARAAgAAAAAAAAhAAAAAAAAA4L8CC2Jpei1zdXJnaW5nz+FOaAAAAAD+/3///7//DwcOFQUMEwMKEQEIDxYGDRQECxICCRAHDhUFDBMDChEB" +
        "CA8WBg0UBAsSAgkQBw4VBQwTAwoRAQgPFt5777333nsP9QP2A/cD+AP6A/sD/AP9A/8DgASBBIIEhASFBIYEhwSJBIoEiwSMBI4EjwSQBJEEkwSU" +
        "BJUElgSYBJkEmgSbBJ0EngSfBKAEogSjBKQEpQSnBKgEqQSqBKwErQSuBK8EAAAAAAAkg0AAAAAAALKCQAAAAAAAAYRAAAAAAADA+j8l/f///w/R" +
        "2E5oAAAAAEkMvQEAAAAAlE0MA7LhTmgAAAAAAAAAAACAFEAAAAAAAEAYQAdiaXotbmV3AAAAAAAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" +
        "AAAAAAAAAAAAAAAAAAAAAIAAAAAAAAAAgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

    /// <summary><see cref="SampleRecorded"/> as SE1 wrote it: journal entries must stay readable just like snapshots.</summary>
    private const string TrafficRecordedV1Golden =
        "BQAAAAAAAAACAAAAAUThTmgAAAAAAgAAAAViaXotMQZiaXotw7wCAAAAAgAAAAMAAAADAAAAgOFOaAAAAACB4U5oAAAAAIPhTmgA" +
        "AAAAAwAAAAMAAAABAAAA+gAAAA==";

    [Fact]
    public void LoadsSnapshotsWrittenByFormatVersion1()
    {
        var serializer = Sys.Serialization.FindSerializerForType(typeof(TrackerSnapshot));

        var loaded = (TrackerSnapshot)Sys.Serialization.Deserialize(Convert.FromBase64String(TrackerSnapshotV1Golden), serializer.Identifier, "SS1");

        AssertSnapshot(SampleSnapshotAsVersion1Reads(), loaded);
    }

    [Fact]
    public void A_version_1_flat_baseline_becomes_a_level_and_a_spread()
    {
        var loaded = (TrackerSnapshot)Sys.Serialization.Deserialize(
            Convert.FromBase64String(TrackerSnapshotV1Golden), HollerSerializer.Id, "SS1");

        // SS1 kept the EW mean and variance of the minute counts: the mean is the level (slow and fast alike, as no shift
        // was known), and the variance over the mean the spread, which is what it measured (Poisson noise has it 1).
        var baseline = loaded.Businesses[0].Baseline;
        Assert.Equal(612.5, baseline.Level);
        Assert.Equal(612.5, baseline.Slow);
        Assert.Equal(612.5, baseline.FastLevel);
        Assert.Equal(1_024.25 / 612.5, baseline.Spread, 12);
        Assert.Equal(37, baseline.Samples);
        Assert.Equal(0, baseline.ShiftRun);
        Assert.False(loaded.Businesses[0].Drop);
        // A business never warmed keeps an empty baseline, and there were no rhythms to keep: they start anew.
        Assert.True(loaded.Businesses[1].Baseline.IsEmpty);
        Assert.Empty(loaded.Profiles);
    }

    [Fact]
    public void A_snapshot_is_written_as_version_2()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(TrackerSnapshot));

        Assert.Equal("SS2", serializer.Manifest(SampleSnapshot()));
    }

    [Fact]
    public void LoadsSnapshotsWrittenByFormatVersion2()
    {
        var serializer = Sys.Serialization.FindSerializerForType(typeof(TrackerSnapshot));

        var loaded = (TrackerSnapshot)Sys.Serialization.Deserialize(Convert.FromBase64String(TrackerSnapshotV2Golden), serializer.Identifier, "SS2");

        AssertSnapshot(SampleSnapshot(), loaded);
    }

    [Fact]
    public void A_tracker_checkpoint_is_written_as_version_3_and_stored_as_the_bytes_the_tracker_wrote()
    {
        var checkpoint = SampleCheckpoint();
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(checkpoint);

        Assert.Equal("SS3", serializer.Manifest(checkpoint));
        // Written once, on the tracker's thread: the serializer neither copies them nor writes them again.
        var bytes = serializer.ToBinary(checkpoint);
        Assert.Same(checkpoint.Bytes, bytes);
        Assert.Same(bytes, ((ShardCheckpoint)serializer.FromBinary(bytes, "SS3")).Bytes);
    }

    [Fact]
    public void LoadsCheckpointsWrittenByFormatVersion3()
    {
        var loaded = (ShardCheckpoint)Sys.Serialization.Deserialize(
            Convert.FromBase64String(ShardCheckpointV3Golden), HollerSerializer.Id, "SS3");
        var shard = new ShardState(TrackerSettings.Default);

        shard.Restore(loaded, nowTicks: 0);

        AssertSnapshot(SampleCheckpointState(), shard.ToSnapshot());
        Assert.Equal(Convert.FromBase64String(ShardCheckpointV3Golden), SampleCheckpoint().Bytes);
    }

    [Fact]
    public void LoadsJournalEventsWrittenByFormatVersion1()
    {
        var serializer = Sys.Serialization.FindSerializerForType(typeof(TrafficRecorded));

        var loaded = (TrafficRecorded)Sys.Serialization.Deserialize(Convert.FromBase64String(TrafficRecordedV1Golden), serializer.Identifier, "SE1");

        var expected = SampleRecorded();
        Assert.Equal(expected.Partition, loaded.Partition);
        Assert.Equal(expected.LastOffset, loaded.LastOffset);
        Assert.Equal(expected.PartitionReset, loaded.PartitionReset);
        Assert.Equal(expected.ObservedSinceSecond, loaded.ObservedSinceSecond);
        Assert.Equal(expected.BusinessIds, loaded.BusinessIds);
        Assert.Equal(expected.RunEnds, loaded.RunEnds);
        Assert.Equal(expected.Seconds, loaded.Seconds);
        Assert.Equal(expected.Counts, loaded.Counts);
    }

    [Fact]
    public void GoldenSnapshotRestoresAShardsBusinesses()
    {
        // Beyond field equality: the loaded state must be usable by the domain, as a recovering tracker uses it.
        var loaded = (TrackerSnapshot)Sys.Serialization.Deserialize(
            Convert.FromBase64String(TrackerSnapshotV1Golden), HollerSerializer.Id, "SS1");
        var shard = new ShardState(TrackerSettings.Default);

        shard.Restore(loaded, nowTicks: 0);

        var traffic = shard.Find("biz-surging")!.Traffic;
        Assert.Equal(1_750_000_079, traffic.Window.HeadSecond);
        Assert.Equal(loaded.Businesses[0].WindowCounts.Sum(), traffic.Window.Sum);
        Assert.Equal(612.5, traffic.Baseline.Level);
        Assert.True(traffic.IsWarm);
        // No rhythm was restored, so the expectation is the level, per 60 seconds as before.
        Assert.Equal(612.5, traffic.Expected, 6);
        Assert.True(traffic.Detector.IsSurging);
        Assert.Equal(9_876, traffic.Total);
        Assert.True(shard.Find("biz-new")!.Traffic.Window.IsEmpty);
        Assert.Equal(9_000_000_000, shard.Watermarks.Applied[3]);
    }

    // ---- samples ----

    private static BusinessSeries SampleSeries() => new(
        "biz-1", 1_750_000_059, Enumerable.Range(0, 60).Select(i => i * 3 % 17).ToArray(),
        Enumerable.Range(0, 60).Select(i => 600 + i).ToArray(), 480, 612.5, 520.25, 740.75, true, 4.5, 2.25, true,
        1_750_000_030_000, 98_765, 3,
        Enumerable.Range(0, 60).Select(i => 610 + i * 0.5).ToArray(), Enumerable.Range(0, 60).Select(i => 500 + i * 0.25).ToArray(),
        Enumerable.Range(0, 60).Select(i => 750 + i * 0.75).ToArray(), 17, 60, true);

    /// <summary>A state with every field distinct and non-trivial, so a swapped or dropped field shows.</summary>
    private static TrackerSnapshot SampleSnapshot() => new(
        new Dictionary<int, long> { [0] = 41, [3] = 9_000_000_000, [11] = 0 },
        1_750_000_081,
        ["biz-surging", "biz-new"],
        [SampleTraffic(new BaselineState { Level = 612.5, Slow = 598.25, FastLevel = 640.125, Spread = 1.671875, Samples = 37, ShiftRun = -3 }, drop: true),
        new BusinessTraffic(BaselineSettings.Default, DetectorSettings.Default).ToState()],
        [SampleProfile("retail", 1), SampleProfile("", 2)]);

    /// <summary><see cref="SampleSnapshot"/> as it was when SS1 wrote <see cref="TrackerSnapshotV1Golden"/> (an EW mean
    /// 612.5 and variance 1024.25 of 37 minutes, z-scores 5.125 and 6.0625, no drops, no rhythms), as read today.</summary>
    private static TrackerSnapshot SampleSnapshotAsVersion1Reads() => SampleSnapshot() with
    {
        Businesses =
        [
            // Its scores were z-scores: read as the severities those deviations have.
            SampleTraffic(new BaselineState { Level = 612.5, Slow = 612.5, FastLevel = 612.5, Spread = 1_024.25 / 612.5, Samples = 37 }, drop: false)
                with { Score = NormalTail.Log10Upper(5.125), PeakScore = NormalTail.Log10Upper(6.0625) },
            new BusinessTraffic(BaselineSettings.Default, DetectorSettings.Default).ToState(),
        ],
        Profiles = [],
    };

    private static BusinessTrafficState SampleTraffic(BaselineState baseline, bool drop) => new(
        HeadSecond: 1_750_000_079,
        WindowCounts: Enumerable.Range(0, 60).Select(i => (i * 7) % 23).ToArray(),
        LastMinute: 29_166_667,
        MinuteCounts: Enumerable.Range(0, 60).Select(i => i % 5 == 0 ? 0 : 500 + i).ToArray(),
        Baseline: baseline,
        FirstSeenSecond: 1_749_997_777,
        BaselineThroughMinute: 29_166_665,
        Total: 9_876,
        Late: 12,
        Surging: true,
        SurgeSinceSecond: 1_750_000_050,
        Score: 5.125,
        PeakScore: 6.0625,
        Drop: drop);

    private static SeasonalProfileState SampleProfile(string key, int seed) => new(key,
        Enumerable.Range(0, SeasonPoint.Slots).Select(i => (i * 37 + seed) % 101 / 100.0 - 0.5).ToArray(),
        Enumerable.Range(0, SeasonPoint.Slots).Select(i => (i * 13 + seed) % 29 * 0.125).ToArray(),
        [seed * 1.5, -seed * 0.25]);

    /// <summary><see cref="SampleSnapshot"/> with the one rhythm its businesses share in a shard without a directory
    /// (the unknown category's): what <see cref="SampleCheckpoint"/> holds.</summary>
    private static TrackerSnapshot SampleCheckpointState() => SampleSnapshot() with { Profiles = [SampleProfile("", 2)] };

    /// <summary><see cref="SampleCheckpointState"/> restored into a shard and written as a checkpoint.</summary>
    private static ShardCheckpoint SampleCheckpoint()
    {
        var shard = new ShardState(TrackerSettings.Default);
        shard.Restore(SampleCheckpointState(), nowTicks: 0);
        return shard.ToCheckpoint();
    }


    private static TrafficRecorded SampleRecorded() => new(5, 8_589_934_592, true, 1_749_999_940, ["biz-1", "biz-ü"], [2, 3],
        [1_750_000_000, 1_750_000_001, 1_750_000_003], [3, 1, 250]);

    private static Dictionary<string, object> Samples() => new()
    {
        [nameof(TrafficBatch)] = new TrafficBatch(3, 1, 10, ["biz-1"], [0, 0], [8, 9], [1_750_000_000, 1_750_000_001]),
        [nameof(TrafficBatchAck)] = new TrafficBatchAck(3, 2, 0),
        [nameof(TrafficBatchNotDurable)] = new TrafficBatchNotDurable(3, "journal down"),
        [nameof(TrafficBatchBehind)] = new TrafficBatchBehind(3, 1, 7),
        [nameof(CheckpointRequest)] = new CheckpointRequest(3, false, new Dictionary<int, long> { [1] = 9 }),
        [nameof(ShardDurable)] = new ShardDurable(3, new Dictionary<int, long> { [1] = 9 }, false),
        [nameof(GetBusinessSeries)] = new GetBusinessSeries("biz-1"),
        [nameof(BusinessSeries)] = SampleSeries(),
        [nameof(StopTracker)] = StopTracker.Instance,
        [nameof(SurgeChanged)] = new SurgeChanged("biz-a", true, EntryA),
        [nameof(TrafficRecorded)] = SampleRecorded(),
        [nameof(TrackerSnapshot)] = SampleSnapshot(),
        [nameof(ShardCheckpoint)] = SampleCheckpoint(),
        [nameof(LeaderboardUpdated)] = new LeaderboardUpdated([EntryA], 1, 1, 1),
        [nameof(GetLeaderboard)] = GetLeaderboard.Instance,
        [nameof(SurgeRecorded)] = new SurgeRecorded(SurgeA),
        [nameof(GetSurgeHistory)] = GetSurgeHistory.Instance,
        [nameof(SurgeHistoryReply)] = new SurgeHistoryReply([SurgeA]),
        [nameof(IngestNodeStatus)] = SampleIngestStatus,
    };

    private static readonly SurgeRecord SurgeA = new("biz-a", 1_750_000_000_000, 1_750_000_090_500, 12.25, 4_321, 17.5);
    private static readonly SurgeRecord SurgeOngoing = new("biz-ü", 1_750_000_100_000, 0, -0.5, 0, double.PositiveInfinity);
    private static readonly SurgeRecord DropRecord = new("biz-d", 1_750_000_200_000, 1_750_000_800_000, 11.5, 2, 0.05, Drop: true);
    private static readonly IngestNodeStatus SampleIngestStatus =
        new("akka.tcp://holler@127.0.0.1:4053", 1_750_000_000_123, 9_876_543_210, 9_876_000_000, 543, 12_345, 4, 4_123.5, 3_999.25);

    [Fact]
    public void SurgeRecordedRoundTrips()
    {
        Assert.Equal(SurgeA, RoundTrip(new SurgeRecorded(SurgeA)).Record);
        Assert.Equal(SurgeOngoing, RoundTrip(new SurgeRecorded(SurgeOngoing)).Record);
        Assert.Equal(DropRecord, RoundTrip(new SurgeRecorded(DropRecord)).Record);
    }

    [Fact]
    public void GetSurgeHistoryRoundTripsToTheSingleton() =>
        Assert.Same(GetSurgeHistory.Instance, RoundTrip(GetSurgeHistory.Instance));

    [Fact]
    public void SurgeHistoryReplyRoundTripsInOrder()
    {
        Assert.Equal([SurgeOngoing, DropRecord, SurgeA], RoundTrip(new SurgeHistoryReply([SurgeOngoing, DropRecord, SurgeA])).Recent);
        Assert.Empty(RoundTrip(new SurgeHistoryReply([])).Recent);
    }

    [Fact]
    public void IngestNodeStatusRoundTrips() => Assert.Equal(SampleIngestStatus, RoundTrip(SampleIngestStatus));

    // ---- helpers ----

    /// <summary>Serializes through the ActorSystem as remoting and persistence do: find the serializer bound to the
    /// type, write bytes and manifest, read back by serializer id and manifest.</summary>
    private T RoundTrip<T>(T message) where T : notnull
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<HollerSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var bytes = serializer.ToBinary(message);

        var copy = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        return Assert.IsType<T>(copy);
    }

    private static void AssertSnapshot(TrackerSnapshot expected, TrackerSnapshot actual)
    {
        Assert.Equal(expected.Watermarks.OrderBy(kv => kv.Key), actual.Watermarks.OrderBy(kv => kv.Key));
        Assert.Equal(expected.NewestAppliedSecond, actual.NewestAppliedSecond);
        Assert.Equal(expected.BusinessIds, actual.BusinessIds);
        Assert.Equal(expected.Businesses.Length, actual.Businesses.Length);
        for (var i = 0; i < expected.Businesses.Length; i++) AssertTraffic(expected.Businesses[i], actual.Businesses[i]);
        Assert.Equal(expected.Profiles.Length, actual.Profiles.Length);
        for (var i = 0; i < expected.Profiles.Length; i++)
        {
            Assert.Equal(expected.Profiles[i].Key, actual.Profiles[i].Key);
            Assert.Equal(expected.Profiles[i].Values, actual.Profiles[i].Values);
            Assert.Equal(expected.Profiles[i].Visits, actual.Profiles[i].Visits);
            Assert.Equal(expected.Profiles[i].Sums, actual.Profiles[i].Sums);
        }
    }

    private static void AssertTraffic(BusinessTrafficState expected, BusinessTrafficState actual)
    {
        Assert.Equal(expected.HeadSecond, actual.HeadSecond);
        Assert.Equal(expected.WindowCounts, actual.WindowCounts);
        Assert.Equal(expected.LastMinute, actual.LastMinute);
        Assert.Equal(expected.MinuteCounts, actual.MinuteCounts);
        Assert.Equal(expected.Baseline.Level, actual.Baseline.Level);
        Assert.Equal(expected.Baseline.Slow, actual.Baseline.Slow);
        Assert.Equal(expected.Baseline.FastLevel, actual.Baseline.FastLevel);
        Assert.Equal(expected.Baseline.Spread, actual.Baseline.Spread);
        Assert.Equal(expected.Baseline.Samples, actual.Baseline.Samples);
        Assert.Equal(expected.Baseline.ShiftRun, actual.Baseline.ShiftRun);
        Assert.Equal(expected.FirstSeenSecond, actual.FirstSeenSecond);
        Assert.Equal(expected.BaselineThroughMinute, actual.BaselineThroughMinute);
        Assert.Equal(expected.Total, actual.Total);
        Assert.Equal(expected.Late, actual.Late);
        Assert.Equal(expected.Surging, actual.Surging);
        Assert.Equal(expected.SurgeSinceSecond, actual.SurgeSinceSecond);
        Assert.Equal(expected.Score, actual.Score);
        Assert.Equal(expected.PeakScore, actual.PeakScore);
        Assert.Equal(expected.Drop, actual.Drop);
    }
}
