using Holler.Domain.Traffic;

namespace Holler.Tracking;

/// <summary>Marker for what a tracker persists; bound to <c>HollerSerializer</c> with versioned manifests.</summary>
public interface ITrackerPersisted;

/// <summary>
/// Events newly applied from one partition: per event-time second, how many. Stored instead of the raw batch so the
/// journal stays small, and only after redelivered events were filtered out.
/// </summary>
/// <param name="PartitionReset">The partition's log was found recreated: its watermark was forgotten before applying.</param>
/// <param name="ObservedSinceSecond">See <see cref="TrafficBatch.ObservedSinceSecond"/>; 0 when unknown (and in v1 journals).</param>
public sealed record TrafficRecorded(int Partition, long LastOffset, bool PartitionReset, long[] Seconds, int[] Counts,
    long ObservedSinceSecond = 0)
    : ITrackerPersisted;

/// <summary>A tracker's whole state.</summary>
public sealed record TrackerSnapshot(BusinessTrafficState Traffic, IReadOnlyDictionary<int, long> Watermarks)
    : ITrackerPersisted;
