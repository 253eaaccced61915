using Holler.Domain;
using Holler.Tracking;

namespace Holler.Ingest;

/// <summary>
/// One micro-batch of Kafka records turned into one <see cref="TrafficBatch"/> per business and partition, plus the
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
    public static MicroBatch From(IReadOnlyList<ConsumedRecord> records, long nowMs, in ParseLimits limits, long observedSinceSecond = 0)
    {
        var builders = new Dictionary<(string, int), Builder>();
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
            var key = (evt.BusinessId, record.Partition);
            if (!builders.TryGetValue(key, out var builder)) builders[key] = builder = new Builder();
            builder.Add(record.Offset, Math.DivRem(evt.TimestampMs, 1000).Quotient, record.LogEndOffset);
        }
        var since = observedSinceSecond > 0 ? observedSinceSecond : WatchStart(builders.Values.Select(b => b.EarliestSecond).ToList());
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
        private readonly List<long> _offsets = new(4);
        private readonly List<long> _seconds = new(4);
        private long _logEnd = -1;

        public long EarliestSecond { get; private set; } = long.MaxValue;

        public void Add(long offset, long second, long logEnd)
        {
            _offsets.Add(offset);
            _seconds.Add(second);
            _logEnd = Math.Max(_logEnd, logEnd);
            EarliestSecond = Math.Min(EarliestSecond, second);
        }

        public TrafficBatch Build(string businessId, int partition, long observedSinceSecond) =>
            new(businessId, partition, _logEnd, _offsets.ToArray(), _seconds.ToArray(), observedSinceSecond);
    }
}
