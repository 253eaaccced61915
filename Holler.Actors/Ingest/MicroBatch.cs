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
    public static MicroBatch From(IReadOnlyList<ConsumedRecord> records, long nowMs, in ParseLimits limits, int shards,
        long observedSinceSecond = 0)
    {
        var builders = new Dictionary<(int, int), Builder>();
        var commit = new Dictionary<int, long>();
        var rejected = new List<(ConsumedRecord, RejectReason)>();
        var accepted = 0;
        foreach (var record in records)
        {
            var next = record.Offset + 1;
            if (!commit.TryGetValue(record.Partition, out var current) || next > current) commit[record.Partition] = next;

            if (!TrafficEventParser.TryParse(record.Key, record.Value, nowMs, limits, out var evt, out var reason))
            {
                rejected.Add((record, reason));
                continue;
            }
            accepted++;
            var key = (TrackerShards.ShardOf(evt.BusinessId, shards), record.Partition);
            if (!builders.TryGetValue(key, out var builder)) builders[key] = builder = new Builder();
            builder.Add(evt.BusinessId, record.Offset, Math.DivRem(evt.TimestampMs, 1000).Quotient, record.LogEndOffset);
        }
        var since = observedSinceSecond > 0 ? observedSinceSecond : WatchStart(builders.Values.SelectMany(b => b.EarliestSeconds).ToList());
        var batches = builders.Select(kv => kv.Value.Build(kv.Key.Item1, kv.Key.Item2, since)).ToList();
        return new MicroBatch(batches, commit, rejected, accepted, since);
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

    private sealed class Builder
    {
        private readonly Dictionary<string, int> _indexOf = new(StringComparer.Ordinal);
        private readonly List<string> _ids = [];
        private readonly List<long> _earliest = [];
        private readonly List<int> _businesses = new(16);
        private readonly List<long> _offsets = new(16);
        private readonly List<long> _seconds = new(16);
        private long _logEnd = -1;

        /// <summary>Per business in this batch, its earliest event second.</summary>
        public IEnumerable<long> EarliestSeconds => _earliest;

        public void Add(string businessId, long offset, long second, long logEnd)
        {
            if (!_indexOf.TryGetValue(businessId, out var index))
            {
                _indexOf[businessId] = index = _ids.Count;
                _ids.Add(businessId);
                _earliest.Add(second);
            }
            else if (second < _earliest[index]) _earliest[index] = second;
            _businesses.Add(index);
            _offsets.Add(offset);
            _seconds.Add(second);
            _logEnd = Math.Max(_logEnd, logEnd);
        }

        public TrafficBatch Build(int shard, int partition, long observedSinceSecond) =>
            new(shard, partition, _logEnd, _ids.ToArray(), _businesses.ToArray(), _offsets.ToArray(), _seconds.ToArray(),
                observedSinceSecond);
    }
}
