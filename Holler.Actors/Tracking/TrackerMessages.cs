using Holler.Domain.Dimensions;
using Holler.Domain;

namespace Holler.Tracking;

/// <summary>Anything about one business; its id routes it to the tracker of the business's shard.</summary>
public interface ITrackerMessage
{
    string BusinessId { get; }
}

/// <summary>Anything addressed to the tracker of one shard as a whole.</summary>
public interface IShardTrackerMessage
{
    int Shard { get; }
}

/// <summary>Marker for the tracker protocol, which crosses the network and is bound to <c>HollerSerializer</c>.</summary>
public interface ITrackerProtocol;

/// <summary>
/// One shard's events from one Kafka partition in one micro-batch, in offset order: for each event its offset, its
/// event-time epoch second and (as an index into <paramref name="BusinessIds"/>) its business. Parallel arrays rather
/// than a record per event, so a batch of thousands of events is a handful of objects; offset order is kept so
/// redelivered events can be skipped exactly.
/// </summary>
/// <param name="LogEndOffset">The partition's log-end offset as the consumer saw it (negative if unknown): a log
/// ending below a tracker's watermark has been recreated.</param>
/// <param name="ObservedSinceSecond">Event time from which the ingest has been watching the whole stream (0 if
/// unknown): a business first seen later had no traffic before, which is a baseline too.</param>
/// <param name="PreviousOffset">The last offset of the batch this ingest sent this shard from this partition before,
/// in this run of its stream (-1 for none): a tracker whose watermark is below it lost acknowledged events (it was
/// restored from an older checkpoint) and answers <see cref="TrafficBatchBehind"/> instead of applying.</param>
/// <param name="Dimensions">Each event's platform, status class, path, referrer, region and user, parallel to
/// <paramref name="Offsets"/>; null when the sender had none (an <c>SB1</c> batch of an older node).</param>
public sealed record TrafficBatch(int Shard, int Partition, long LogEndOffset, string[] BusinessIds, int[] Businesses,
    long[] Offsets, long[] Seconds, long ObservedSinceSecond = 0, long PreviousOffset = -1, BatchDimensions? Dimensions = null)
    : IShardTrackerMessage, ITrackerProtocol
{
    public int Count => Offsets.Length;
}

/// <summary>Reply to <see cref="TrafficBatch"/>: its events are applied (in journal mode, durable too).</summary>
/// <param name="DurableUpTo">The highest offset of the batch's partition the shard has made durable (-1 for none): the
/// ingest commits the partition only up to what every shard it fed has made durable.</param>
public sealed record TrafficBatchAck(int Shard, int Applied, int Duplicates, long DurableUpTo = -1) : ITrackerProtocol;

/// <summary>Reply to <see cref="TrafficBatch"/> from a tracker that lost events it had acknowledged (it came back from
/// a checkpoint older than <see cref="TrafficBatch.PreviousOffset"/>): nothing was applied; the ingest restarts its
/// stream from the committed offsets, which are never past the shard's checkpoint.</summary>
public sealed record TrafficBatchBehind(int Shard, int Partition, long AppliedUpTo) : ITrackerProtocol;

/// <summary>Asks a shard tracker what it has made durable; with <paramref name="Force"/>, to save a checkpoint now if
/// it holds anything that is not. Answered with <see cref="ShardDurable"/> at once (not after the save).</summary>
/// <param name="SentUpTo">Per partition, the last offset the asking ingest sent this shard: a tracker that applied less
/// lost events and says so (<see cref="ShardDurable.Lost"/>).</param>
public sealed record CheckpointRequest(int Shard, bool Force, IReadOnlyDictionary<int, long> SentUpTo)
    : IShardTrackerMessage, ITrackerProtocol;

/// <summary>Reply to <see cref="CheckpointRequest"/>: per partition the highest offset made durable.</summary>
/// <param name="Lost">The tracker applied less than <see cref="CheckpointRequest.SentUpTo"/>: the ingest must rewind.</param>
public sealed record ShardDurable(int Shard, IReadOnlyDictionary<int, long> DurableUpTo, bool Lost) : ITrackerProtocol;

/// <summary>Reply to <see cref="TrafficBatch"/> when its events could not be made durable (the journal failed, e.g.
/// the database is away). Nothing of it was applied; the tracker stops, and the batch is to be sent again later.</summary>
public sealed record TrafficBatchNotDurable(int Shard, string Reason) : ITrackerProtocol;

/// <summary>Asks for one business's current window, baseline and last 60 minutes; answered with <see cref="BusinessSeries"/>.</summary>
public sealed record GetBusinessSeries(string BusinessId) : ITrackerMessage, ITrackerProtocol;

/// <summary>A business as its tracker sees it now.</summary>
/// <param name="HeadSecond">Epoch second of the newest window bucket (0 when the business has never been seen).</param>
/// <param name="WindowCounts">Events per second, the 60 seconds ending at <paramref name="HeadSecond"/>, oldest first.</param>
/// <param name="MinuteCounts">Events per minute, the 60 minutes ending at the head's minute, oldest first.</param>
/// <param name="Baseline">Events this business is expected to get in the current 60 seconds (its rhythm included).</param>
/// <param name="BandLow">Below this a window would be a drop, at the detector's threshold.</param>
/// <param name="BandHigh">Above this a window would be a surge, at the detector's threshold.</param>
/// <param name="ExpectedMinutes">What each of <paramref name="MinuteCounts"/>' minutes was expected to be, as the
/// business's rhythm and current level have it; empty while warming up.</param>
/// <param name="BandLowMinutes">The band's low edge for each of those minutes.</param>
/// <param name="BandHighMinutes">Its high edge.</param>
/// <param name="ShiftMinutes">Minutes a surge or drop has lasted towards being adopted as the new level.</param>
/// <param name="AdoptAfterMinutes">Minutes after which it is.</param>
/// <param name="Drop">The current episode is a drop, not a surge.</param>
/// <param name="Dimensions">Its drivers, breakdowns, active users and error share; null for a business that keeps no
/// breakdown (quieter than <c>Dimensions:MinEventsPerMinute</c>, or dimensions off).</param>
public sealed record BusinessSeries(
    string BusinessId, long HeadSecond, int[] WindowCounts, int[] MinuteCounts,
    long Count, double Baseline, double BandLow, double BandHigh, bool Warm,
    double Score, double Ratio, bool Surging, long SurgeSinceMs, long Total, long Late,
    double[] ExpectedMinutes, double[] BandLowMinutes, double[] BandHighMinutes,
    int ShiftMinutes, int AdoptAfterMinutes, bool Drop, DimensionSummary? Dimensions = null) : ITrackerProtocol;

/// <summary>Stops a tracker after making its state durable. Used for hand-off and passivation instead of
/// PoisonPill, which would drop commands queued behind it (akka.net #7090).</summary>
public sealed record StopTracker : ITrackerProtocol
{
    public static StopTracker Instance { get; } = new();
}
