using Holler.Domain.Detection;
using Holler.Domain.Traffic;

namespace Holler.Tracking;

/// <summary>Marker for what a tracker persists; bound to <c>HollerSerializer</c> with versioned manifests.</summary>
public interface ITrackerPersisted;

/// <summary>
/// Events newly applied from one partition to one shard's businesses: per business, per event-time second, how many.
/// Stored instead of the raw batch so the journal stays small, and only after redelivered events were filtered out.
/// Business k's runs are <c>Seconds[RunEnds[k-1]..RunEnds[k]]</c> (from 0 for the first).
/// </summary>
/// <param name="PartitionReset">The partition's log was found recreated: its watermark was forgotten before applying.</param>
/// <param name="ObservedSinceSecond">See <see cref="TrafficBatch.ObservedSinceSecond"/>; 0 when unknown.</param>
public sealed record TrafficRecorded(int Partition, long LastOffset, bool PartitionReset, long ObservedSinceSecond,
    string[] BusinessIds, int[] RunEnds, long[] Seconds, int[] Counts)
    : ITrackerPersisted;

/// <summary>A shard tracker's whole state: its watermarks, every business it has seen, and the rhythms its groups of
/// businesses share.</summary>
/// <param name="NewestAppliedSecond">The latest event second applied from any partition (see
/// <see cref="OffsetWatermarks.WatermarkFor"/>).</param>
/// <param name="Profiles">Empty in snapshots from before the seasonal model (manifest SS1): their rhythms start anew.</param>
public sealed record TrackerSnapshot(IReadOnlyDictionary<int, long> Watermarks, long NewestAppliedSecond,
    string[] BusinessIds, BusinessTrafficState[] Businesses, SeasonalProfileState[] Profiles)
    : ITrackerPersisted;
