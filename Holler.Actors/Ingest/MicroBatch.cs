using System.Buffers;
using Holler.Domain;
using Holler.Tracking;

namespace Holler.Ingest;

/// <summary>
/// One micro-batch of Kafka records turned into one <see cref="TrafficBatch"/> per tracker shard and partition, plus the
/// offsets to commit once every tracker has acknowledged. Pure: parsing, grouping, counting rejects.
/// </summary>
public sealed class MicroBatch
{
    private MicroBatch(IReadOnlyList<TrafficBatch> batches, IReadOnlyDictionary<int, long> commitOffsets,
        IReadOnlyList<(ConsumedRecord Record, RejectReason Reason)> rejected, int accepted, long observedSinceSecond)
    {
        ObservedSinceSecond = observedSinceSecond;
        Batches = batches;
        CommitOffsets = commitOffsets;
        Rejected = rejected;
        Accepted = accepted;
    }

    public IReadOnlyList<TrafficBatch> Batches { get; }

    /// <summary>Per partition, the next offset to consume: what to commit once this batch is durable.</summary>
    public IReadOnlyDictionary<int, long> CommitOffsets { get; }

    public IReadOnlyList<(ConsumedRecord Record, RejectReason Reason)> Rejected { get; }

    public int Accepted { get; }

    /// <summary>The watch start this batch told trackers: the caller's, or its own earliest event (0 if it had none).</summary>
    public long ObservedSinceSecond { get; }

    /// <param name="observedSinceSecond">Event time from which this ingest has watched the stream (see
    /// <see cref="TrafficBatch.ObservedSinceSecond"/>); 0 to take the earliest event of this batch.</param>
    /// <param name="shards">How many tracker shards the cluster has (<see cref="TrackerShards.ShardOf"/>).</param>
    /// <param name="ids">Interns business ids; null to allocate each one.</param>
    public static MicroBatch From(IReadOnlyList<ConsumedRecord> records, long nowMs, in ParseLimits limits, int shards,
        long observedSinceSecond = 0, BusinessIdPool? ids = null)
    {
        var commit = new Dictionary<int, long>();
        var rejected = new List<(ConsumedRecord, RejectReason)>();
        // Two passes, so every tracker batch's arrays are allocated once at their exact size: parse into a pooled
        // array noting each event's group (shard, partition), then copy each group out in offset order.
        var parsed = ArrayPool<Parsed>.Shared.Rent(Math.Max(records.Count, 1));
        try
        {
            var groupOf = new Dictionary<(int Shard, int Partition), int>();
            var groups = new List<Group>();
            var accepted = 0;
            for (var r = 0; r < records.Count; r++)
            {
                var record = records[r];
                var next = record.Offset + 1;
                if (!commit.TryGetValue(record.Partition, out var current) || next > current) commit[record.Partition] = next;

                if (!TrafficEventParser.TryParse(record.Key, record.Value, nowMs, limits, out var evt, out var reason, ids))
                {
                    rejected.Add((record, reason));
                    continue;
                }
                var key = (TrackerShards.ShardOf(evt.BusinessId, shards), record.Partition);
                if (!groupOf.TryGetValue(key, out var g))
                {
                    groupOf[key] = g = groups.Count;
                    groups.Add(new Group(key.Item1, key.Item2));
                }
                groups[g].Count++;
                groups[g].LogEnd = Math.Max(groups[g].LogEnd, record.LogEndOffset);
                parsed[accepted++] = new Parsed(evt.BusinessId, record.Offset, Math.DivRem(evt.TimestampMs, 1000).Quotient, g);
            }

            Fill(parsed.AsSpan(0, accepted), groups);
            var since = observedSinceSecond > 0 ? observedSinceSecond : WatchStart(groups.SelectMany(g => g.Earliest).ToList());
            var batches = groups.Select(g => g.Build(since)).ToList();
            return new MicroBatch(batches, commit, rejected, accepted, since);
        }
        finally
        {
            ArrayPool<Parsed>.Shared.Return(parsed, clearArray: true);
        }
    }

    /// <summary>Copies each event into its group's arrays, in the order consumed (offset order per partition), numbering
    /// the businesses of each group as they first appear.</summary>
    private static void Fill(ReadOnlySpan<Parsed> events, List<Group> groups)
    {
        foreach (var group in groups) group.Allocate();
        var indexOf = new Dictionary<(int Group, string Id), int>();
        foreach (ref readonly var e in events)
        {
            var group = groups[e.Group];
            if (!indexOf.TryGetValue((e.Group, e.Id), out var index))
            {
                indexOf[(e.Group, e.Id)] = index = group.Ids.Count;
                group.Ids.Add(e.Id);
                group.Earliest.Add(e.Second);
            }
            else if (e.Second < group.Earliest[index]) group.Earliest[index] = e.Second;
            group.Append(index, e.Offset, e.Second);
        }
    }

    private readonly record struct Parsed(string Id, long Offset, long Second, int Group);

    /// <summary>The events of one shard and partition: counted in the first pass, copied in the second.</summary>
    private sealed class Group(int shard, int partition)
    {
        private int[] _businesses = [];
        private long[] _offsets = [];
        private long[] _seconds = [];
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
        }

        public void Append(int business, long offset, long second)
        {
            _businesses[_filled] = business;
            _offsets[_filled] = offset;
            _seconds[_filled] = second;
            _filled++;
        }

        public TrafficBatch Build(long observedSinceSecond) =>
            new(shard, partition, LogEnd, Ids.ToArray(), _businesses, _offsets, _seconds, observedSinceSecond);
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
