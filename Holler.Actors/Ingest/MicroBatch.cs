using System.Buffers;
using Holler.Domain;
using Holler.Domain.Fleet;
using Holler.Tracking;

namespace Holler.Ingest;

/// <summary>
/// One micro-batch of Kafka records turned into one <see cref="TrafficBatch"/> per tracker shard and partition, plus the
/// offsets to commit once every tracker has acknowledged. Pure: parsing, grouping, counting rejects.
/// </summary>
public sealed class MicroBatch
{
    private MicroBatch(IReadOnlyList<TrafficBatch> batches, IReadOnlyDictionary<int, long> commitOffsets,
        IReadOnlyList<(ConsumedRecord Record, RejectReason Reason)> rejected, int accepted, long observedSinceSecond, FleetTally? fleet,
        IReadOnlyDictionary<int, long> partitionBytes)
    {
        Fleet = fleet;
        PartitionBytes = partitionBytes;
        ObservedSinceSecond = observedSinceSecond;
        Batches = batches;
        CommitOffsets = commitOffsets;
        Rejected = rejected;
        Accepted = accepted;
    }

    public IReadOnlyList<TrafficBatch> Batches { get; }

    /// <summary>Per partition, the next offset to consume: what to commit once this batch is durable.</summary>
    public IReadOnlyDictionary<int, long> CommitOffsets { get; }

    /// <summary>Per partition, the bytes of its records (keys and values): how far a checkpoint falls behind the log.</summary>
    public IReadOnlyDictionary<int, long> PartitionBytes { get; }

    /// <summary>Not a micro-batch: the stream's tick to ask trackers what became durable (<see cref="BatchDelivery.FlushAsync"/>).</summary>
    public static MicroBatch Flush { get; } = new([], new Dictionary<int, long>(), [], 0, 0, null, new Dictionary<int, long>());

    public IReadOnlyList<(ConsumedRecord Record, RejectReason Reason)> Rejected { get; }

    public int Accepted { get; }

    /// <summary>The accepted events counted for the fleet views; null when no fleet directory was given.</summary>
    public FleetTally? Fleet { get; }

    /// <summary>The watch start this batch told trackers: the caller's, or its own earliest event (0 if it had none).</summary>
    public long ObservedSinceSecond { get; }

    /// <summary>Fewer records than this per thread are parsed on one thread: handing work to another costs more.</summary>
    internal const int MinRecordsPerThread = 2_048;

    /// <param name="observedSinceSecond">Event time from which this ingest has watched the stream (see
    /// <see cref="TrafficBatch.ObservedSinceSecond"/>); 0 to take the earliest event of this batch.</param>
    /// <param name="shards">How many tracker shards the cluster has (<see cref="TrackerShards.ShardOf"/>).</param>
    /// <param name="ids">Interns business ids; null to allocate each one.</param>
    /// <param name="parallelism">Threads to parse on at most; the grouping after parsing is on the caller's.</param>
    /// <param name="values">Interns paths, referrers and regions; null to allocate each one.</param>
    /// <param name="fleet">Where the fleet views look businesses up; null to count nothing for them.</param>
    public static MicroBatch From(IReadOnlyList<ConsumedRecord> records, long nowMs, in ParseLimits limits, int shards,
        long observedSinceSecond = 0, BusinessIdPool? ids = null, int parallelism = 1, DimensionValuePool? values = null,
        FleetDirectory? fleet = null)
    {
        var tally = fleet is null ? null : new FleetTally();
        var nowSecond = nowMs / 1000;
        var commit = new Dictionary<int, long>();
        var bytes = new Dictionary<int, long>();
        var rejected = new List<(ConsumedRecord, RejectReason)>();
        // Three passes, so parsing (most of the work) can use several threads and every tracker batch's arrays are
        // allocated once at their exact size: parse each record into a pooled array, then in consumed order note
        // each event's group (shard, partition) and count, then copy each group out in offset order.
        var parsed = ArrayPool<Parsed>.Shared.Rent(Math.Max(records.Count, 1));
        try
        {
            Parse(records, parsed, nowMs, limits, shards, ids, values, parallelism, fleet);

            var groupOf = new Dictionary<(int Shard, int Partition), int>();
            var groups = new List<Group>();
            var accepted = 0;
            for (var r = 0; r < records.Count; r++)
            {
                var record = records[r];
                var next = record.Offset + 1;
                if (!commit.TryGetValue(record.Partition, out var current) || next > current) commit[record.Partition] = next;
                bytes[record.Partition] = bytes.GetValueOrDefault(record.Partition) + record.Value.Length + (record.Key?.Length ?? 0);

                ref var e = ref parsed[r];
                if (e.Id is null)
                {
                    rejected.Add((record, e.Reason));
                    continue;
                }
                var key = (e.Shard, record.Partition);
                if (!groupOf.TryGetValue(key, out var g))
                {
                    groupOf[key] = g = groups.Count;
                    groups.Add(new Group(key.Item1, key.Item2));
                }
                tally?.Add(fleet!, e.Entry, e.Second, e.Status, nowSecond, e.Dimensions.Region);
                groups[g].Count++;
                groups[g].LogEnd = Math.Max(groups[g].LogEnd, record.LogEndOffset);
                e.Group = g;
                accepted++;
            }

            Fill(records, parsed.AsSpan(0, records.Count), groups);
            var since = observedSinceSecond > 0 ? observedSinceSecond : WatchStart(groups.SelectMany(g => g.Earliest).ToList());
            var batches = groups.Select(g => g.Build(since)).ToList();
            return new MicroBatch(batches, commit, rejected, accepted, since, tally, bytes);
        }
        finally
        {
            ArrayPool<Parsed>.Shared.Return(parsed, clearArray: true);
        }
    }

    /// <summary>Parses every record into <paramref name="parsed"/> at its own index: an event with its tracker shard, or
    /// why it was rejected. Records are independent here, so large micro-batches are split across threads.</summary>
    private static void Parse(IReadOnlyList<ConsumedRecord> records, Parsed[] parsed, long nowMs, ParseLimits limits, int shards,
        BusinessIdPool? ids, DimensionValuePool? values, int parallelism, FleetDirectory? fleet)
    {
        var threads = Math.Clamp(Math.Min(parallelism, records.Count / MinRecordsPerThread), 1, 64);
        if (threads == 1)
        {
            ParseRange(records, 0, records.Count, parsed, nowMs, limits, shards, ids, values, fleet);
            return;
        }
        var per = (records.Count + threads - 1) / threads;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads },
            t => ParseRange(records, t * per, Math.Min(records.Count, (t + 1) * per), parsed, nowMs, limits, shards, ids, values, fleet));
    }

    // The fleet's catalog lookup happens here, where parsing may use several threads, not in the grouping pass after it.
    private static void ParseRange(IReadOnlyList<ConsumedRecord> records, int from, int to, Parsed[] parsed, long nowMs,
        in ParseLimits limits, int shards, BusinessIdPool? ids, DimensionValuePool? values, FleetDirectory? fleet)
    {
        for (var r = from; r < to; r++)
        {
            var record = records[r];
            parsed[r] = TrafficEventParser.TryParse(record.Key, record.Value, nowMs, limits, out var evt, out var reason, ids, values)
                ? new Parsed(evt.BusinessId, Math.DivRem(evt.TimestampMs, 1000).Quotient, TrackerShards.ShardOf(evt.BusinessId, shards), default,
                    evt.Status, fleet?.IndexOf(evt.BusinessId) ?? -1, evt.Dimensions, evt.StatusClass)
                : new Parsed(null, 0, 0, reason, 0, -1, default, default);
        }
    }

    /// <summary>Copies each accepted event into its group's arrays, in the order consumed (offset order per partition),
    /// numbering the businesses of each group as they first appear.</summary>
    private static void Fill(IReadOnlyList<ConsumedRecord> records, ReadOnlySpan<Parsed> events, List<Group> groups)
    {
        foreach (var group in groups) group.Allocate();
        var indexOf = new Dictionary<(int Group, string Id), int>();
        for (var r = 0; r < events.Length; r++)
        {
            ref readonly var e = ref events[r];
            if (e.Id is null) continue;
            var group = groups[e.Group];
            if (!indexOf.TryGetValue((e.Group, e.Id), out var index))
            {
                indexOf[(e.Group, e.Id)] = index = group.Ids.Count;
                group.Ids.Add(e.Id);
                group.Earliest.Add(e.Second);
            }
            else if (e.Second < group.Earliest[index]) group.Earliest[index] = e.Second;
            group.Append(index, records[r].Offset, e.Second, e.Dimensions, e.StatusClass);
        }
    }

    /// <summary>One record after parsing: <see cref="Id"/> null when rejected (<see cref="Reason"/> says why);
    /// <see cref="Group"/> is set by the grouping pass.</summary>
    private struct Parsed(string? id, long second, int shard, RejectReason reason, int status, int entry, EventDimensions dimensions,
        StatusClass statusClass)
    {
        public readonly int Status = status;
        /// <summary>The business's catalog entry for the fleet views; -1 when not listed or not counted.</summary>
        public readonly int Entry = entry;
        public readonly string? Id = id;
        public readonly long Second = second;
        public readonly int Shard = shard;
        public readonly RejectReason Reason = reason;
        public readonly EventDimensions Dimensions = dimensions;
        public readonly StatusClass StatusClass = statusClass;
        public int Group;
    }

    /// <summary>The events of one shard and partition: counted in the grouping pass, copied in the last.</summary>
    private sealed class Group(int shard, int partition)
    {
        private int[] _businesses = [];
        private long[] _offsets = [];
        private long[] _seconds = [];
        private BatchDimensions.Builder _dimensions = new(0);
        private int _filled;

        public int Count { get; set; }
        public long LogEnd { get; set; } = -1;
        public List<string> Ids { get; } = [];

        /// <summary>Per business of the group, its earliest event second.</summary>
        public List<long> Earliest { get; } = [];

        public void Allocate()
        {
            _businesses = new int[Count];
            _offsets = new long[Count];
            _seconds = new long[Count];
            _dimensions = new BatchDimensions.Builder(Count);
        }

        public void Append(int business, long offset, long second, in EventDimensions dimensions, StatusClass status)
        {
            _dimensions.Append(dimensions, status);
            _businesses[_filled] = business;
            _offsets[_filled] = offset;
            _seconds[_filled] = second;
            _filled++;
        }

        public TrafficBatch Build(long observedSinceSecond) =>
            new(shard, partition, LogEnd, Ids.ToArray(), _businesses, _offsets, _seconds, observedSinceSecond, Dimensions: _dimensions.Build());
    }

    /// <summary>
    /// Where watching the stream began: the earliest event of the first batch, but not more than a minute before its
    /// typical (median) event, so one straggler from hours ago does not make every business count hours of silence.
    /// </summary>
    private static long WatchStart(List<long> earliestPerBusiness)
    {
        if (earliestPerBusiness.Count == 0) return 0;
        earliestPerBusiness.Sort();
        return Math.Max(earliestPerBusiness[0], earliestPerBusiness[earliestPerBusiness.Count / 2] - 60);
    }
}
