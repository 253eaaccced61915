using Holler.Tracking;

namespace Holler.Tests.Support;

/// <summary>Builds <see cref="TrafficBatch"/>es for one business as the ingest stream would: offsets consecutive, events
/// in time order, addressed to the business's shard.</summary>
public sealed class Traffic(string businessId, int partition = 0, long firstOffset = 0)
{
    /// <summary>A Unix second on a minute boundary, so minute arithmetic in assertions stays simple.</summary>
    public const long T0 = 1_750_000_020;

    /// <summary>The shard count of the clusters tests build (the default of <c>AddShardTrackers</c> and of nodes).</summary>
    public const int Shards = TrackerShards.DefaultCount;

    public string BusinessId { get; } = businessId;
    public int Partition { get; } = partition;
    public int Shard => ShardOf(BusinessId);

    /// <summary>The offset the next event gets.</summary>
    public long NextOffset { get; private set; } = firstOffset;

    /// <summary>One batch: <paramref name="perSecond"/> events in each of <paramref name="seconds"/> seconds from
    /// <paramref name="fromSecond"/>. The log ends right after it.</summary>
    public TrafficBatch Next(long fromSecond, int seconds = 1, int perSecond = 1)
    {
        var count = seconds * perSecond;
        var offsets = new long[count];
        var times = new long[count];
        for (var i = 0; i < count; i++)
        {
            offsets[i] = NextOffset + i;
            times[i] = fromSecond + i / perSecond;
        }
        NextOffset += count;
        return Of(BusinessId, Partition, NextOffset, offsets, times);
    }

    /// <summary>One batch per second of event time, <paramref name="perSecond"/> events each.</summary>
    public IEnumerable<TrafficBatch> PerSecond(long fromSecond, int seconds, int perSecond)
    {
        for (var s = 0; s < seconds; s++) yield return Next(fromSecond + s, 1, perSecond);
    }

    public static int ShardOf(string businessId) => TrackerShards.ShardOf(businessId, Shards);

    /// <summary>A batch of one business's events at the given offsets and seconds.</summary>
    public static TrafficBatch Of(string businessId, int partition, long logEndOffset, long[] offsets, long[] seconds) =>
        new(ShardOf(businessId), partition, logEndOffset, [businessId], new int[offsets.Length], offsets, seconds);

    public static TrafficBatch Batch(string businessId, int partition, long logEndOffset, long[] offsets, long second) =>
        Of(businessId, partition, logEndOffset, offsets, offsets.Select(_ => second).ToArray());

    /// <summary>The acknowledgement a batch of <paramref name="businessId"/>'s events gets.</summary>
    public static TrafficBatchAck Ack(string businessId, int applied, int duplicates) => new(ShardOf(businessId), applied, duplicates);

    /// <summary>An acknowledgement without what it says is durable, to compare with <see cref="Ack"/>: the counts are
    /// what those tests are about.</summary>
    public static TrafficBatchAck Counts(TrafficBatchAck ack) => ack with { DurableUpTo = -1 };
}
