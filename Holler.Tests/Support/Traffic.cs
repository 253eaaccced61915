using Holler.Tracking;

namespace Holler.Tests.Support;

/// <summary>Builds <see cref="TrafficBatch"/>es as the ingest stream would: offsets consecutive, events in time order.</summary>
public sealed class Traffic(string businessId, int partition = 0, long firstOffset = 0)
{
    /// <summary>A Unix second on a minute boundary, so minute arithmetic in assertions stays simple.</summary>
    public const long T0 = 1_750_000_020;

    public string BusinessId { get; } = businessId;
    public int Partition { get; } = partition;

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
        return new TrafficBatch(BusinessId, Partition, NextOffset, offsets, times);
    }

    /// <summary>One batch per second of event time, <paramref name="perSecond"/> events each.</summary>
    public IEnumerable<TrafficBatch> PerSecond(long fromSecond, int seconds, int perSecond)
    {
        for (var s = 0; s < seconds; s++) yield return Next(fromSecond + s, 1, perSecond);
    }

    public static TrafficBatch Batch(string businessId, int partition, long logEndOffset, long[] offsets, long second) =>
        new(businessId, partition, logEndOffset, offsets, offsets.Select(_ => second).ToArray());
}
