using Holler.Domain;

namespace Holler.Ingest;

/// <summary>What the ingest stream has done, readable from any thread.</summary>
public sealed class IngestMetrics
{
    private long _consumed;
    private long _accepted;
    private long _applied;
    private long _duplicates;
    private long _batches;
    private long _redeliveries;
    private long _skippedOffsets;
    private long _trackerBatches;

    public RejectCounters Rejected { get; } = new();

    public long Consumed => Interlocked.Read(ref _consumed);
    public long Accepted => Interlocked.Read(ref _accepted);
    /// <summary>Events trackers applied for the first time (durably).</summary>
    public long Applied => Interlocked.Read(ref _applied);
    /// <summary>Events trackers had already applied: Kafka redelivery, skipped by offset watermark.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Batches => Interlocked.Read(ref _batches);
    /// <summary>Tracker batches re-sent after a missing acknowledgement.</summary>
    public long Redeliveries => Interlocked.Read(ref _redeliveries);
    /// <summary>Offsets the consumer jumped over within a partition: records deleted by retention before they were read.</summary>
    public long SkippedOffsets => Interlocked.Read(ref _skippedOffsets);
    /// <summary>Per-business batches sent to trackers (first attempts): events per tracker message is Accepted / this.</summary>
    public long TrackerBatches => Interlocked.Read(ref _trackerBatches);

    internal void AddConsumed(long n) => Interlocked.Add(ref _consumed, n);
    internal void AddAccepted(long n) => Interlocked.Add(ref _accepted, n);
    internal void AddApplied(long applied, long duplicates)
    {
        Interlocked.Add(ref _applied, applied);
        Interlocked.Add(ref _duplicates, duplicates);
    }
    internal void AddBatch() => Interlocked.Increment(ref _batches);
    internal void AddRedeliveries(long n) => Interlocked.Add(ref _redeliveries, n);
    internal void AddSkippedOffsets(long n) => Interlocked.Add(ref _skippedOffsets, n);
    internal void AddTrackerBatches(long n) => Interlocked.Add(ref _trackerBatches, n);
}
