using Akka.Actor;
using Holler.Domain.History;
using Holler.History;

namespace Holler.Tracking;

/// <summary>
/// What a shard tracker tells its node's <see cref="HistoryWriter"/>: the minutes each batch closed, the open minutes
/// of businesses gone quiet, and after a recovery the last closed minutes again (they may have died queued in the
/// writer of a node that crashed). Every row carries a minute's full count, so sending one twice is harmless.
/// Kept out of <see cref="ShardTracker"/> so the tracker's part is a call per batch and per sweep.
/// </summary>
public sealed class TrackerHistory(IActorRef writer, int resendMinutes)
{
    /// <summary>How often quiet businesses are swept for their open minutes.</summary>
    public static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(30);

    /// <summary>Quiet for this long (processing time), a business's open minutes are written as they stand.</summary>
    public static readonly TimeSpan QuietAfter = TimeSpan.FromMinutes(2);

    private long[] _oldHeads = [];
    private Dictionary<long, int>?[] _evicted = [];

    /// <summary>Before a persisted batch is applied: where each of its businesses stood.</summary>
    public void Before(ShardState state, TrafficRecorded recorded)
    {
        var n = recorded.BusinessIds.Length;
        if (_oldHeads.Length < n)
        {
            _oldHeads = new long[n];
            _evicted = new Dictionary<long, int>?[n];
        }
        var start = 0;
        for (var k = 0; k < n; k++)
        {
            var business = state.Find(recorded.BusinessIds[k]);
            var oldHead = business is null || business.Traffic.Window.IsEmpty ? long.MinValue : business.HeadAtLastArrival;
            var end = recorded.RunEnds[k];
            _oldHeads[k] = oldHead;
            _evicted[k] = ClosedMinutes.Evicted(business?.Traffic, oldHead, recorded.Seconds.AsSpan(start, end - start),
                recorded.Counts.AsSpan(start, end - start));
            start = end;
        }
    }

    /// <summary>After it is applied: sends the minutes it closed.</summary>
    public void After(TrackedBusiness[] touched, TrafficRecorded recorded)
    {
        List<MinuteRollup>? rows = null;
        var start = 0;
        for (var k = 0; k < touched.Length; k++)
        {
            var end = recorded.RunEnds[k];
            rows ??= [];
            ClosedMinutes.Closed(touched[k].Id, touched[k].Traffic, _oldHeads[k], recorded.Seconds.AsSpan(start, end - start),
                _evicted[k], rows);
            _evicted[k] = null;
            start = end;
        }
        Send(rows);
    }

    /// <summary>Businesses whose last event arrived between <see cref="QuietAfter"/> and one sweep before that: their
    /// open minutes, once per quiet spell (a later event writes the final counts when those minutes close).</summary>
    public void Sweep(IEnumerable<TrackedBusiness> businesses, long nowTicks)
    {
        var newest = nowTicks - QuietAfter.Ticks;
        var oldest = newest - SweepEvery.Ticks;
        List<MinuteRollup>? rows = null;
        foreach (var business in businesses)
        {
            if (business.LastArrivalTicks > newest || business.LastArrivalTicks <= oldest || business.Traffic.Window.IsEmpty) continue;
            var head = business.HeadAtLastArrival;
            ClosedMinutes.Ring(business.Id, business.Traffic, ClosedMinutes.LastClosed(head) + 1,
                ClosedMinutes.FloorDiv(business.Traffic.Window.HeadSecond, 60), rows ??= []);
        }
        Send(rows);
    }

    /// <summary>After recovery: each business's last <c>resendMinutes</c> closed minutes and its open ones.</summary>
    public void Recovered(IEnumerable<TrackedBusiness> businesses)
    {
        if (resendMinutes == 0) return;
        List<MinuteRollup> rows = [];
        foreach (var business in businesses)
        {
            if (business.Traffic.Window.IsEmpty) continue;
            var headMinute = ClosedMinutes.FloorDiv(business.Traffic.Window.HeadSecond, 60);
            ClosedMinutes.Ring(business.Id, business.Traffic, ClosedMinutes.LastClosed(business.Traffic.Window.HeadSecond) - resendMinutes + 1,
                headMinute, rows);
            if (rows.Count >= 10_000)
            {
                Send(rows);
                rows = [];
            }
        }
        Send(rows);
    }

    private void Send(List<MinuteRollup>? rows)
    {
        if (rows is { Count: > 0 }) writer.Tell(new RecordMinutes(rows.ToArray()));
    }
}
