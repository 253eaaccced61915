using System.Numerics;
using Holler.Domain.Detection;
using Holler.Domain.Traffic;

namespace Holler.Tracking;

/// <summary>
/// The checkpoint format SS3: the shard's state written straight from the live businesses into bytes, and read
/// straight back, writer and reader side by side so a field added to one cannot be forgotten in the other. It carries
/// every field of <see cref="TrackerSnapshot"/> (SS2); see docs/architecture.md#serialization.
/// </summary>
/// <remarks>
/// Little-endian; varint = seven bits a byte, low first. In order:
/// <list type="number">
/// <item>watermarks: varint count, then per partition varint partition and int64 offset; int64 newest applied second;</item>
/// <item>rhythms, before the businesses that join them: varint count, then per group its key (varint UTF-8 length,
///   bytes) and raw values, visits and sums (each a varint count of float64s);</item>
/// <item>businesses: varint count, then per business: id; int64 window head (<see cref="long.MinValue"/> before any
///   event: no counts follow); if it has a head, the 60 seconds and then the 60 minutes ending at it, oldest first, each
///   as a uint64 mask of the non-zero ones and their varint counts (the last minute is the head's, as SS2 wrote it);
///   baseline level, slow, fast level, spread (float64), varint samples, varint shift run; int64 first seen second and
///   baseline-through minute; varint total and late; a flags byte (1 surging, 2 drop); int64 surge start; float64
///   score and peak score.</item>
/// </list>
/// Most of a busy node's businesses are quiet, so most of both rings are zeros: the masks make a business ~110 bytes
/// instead of SS2's ~600.
/// </remarks>
public sealed partial class ShardState
{
    private const byte SurgingFlag = 1, DropFlag = 2;

    /// <summary>What the last checkpoint took, to rent a buffer that fits the next one at once.</summary>
    private int _lastCheckpointBytes;

    /// <summary>The whole state as checkpoint bytes (format SS3), written on the caller's thread.</summary>
    public ShardCheckpoint ToCheckpoint()
    {
        var w = new CheckpointWriter(Math.Max(_lastCheckpointBytes + _lastCheckpointBytes / 8, 64 + 128 * _businesses.Count));
        try
        {
            w.VarInt32(Watermarks.Applied.Count);
            foreach (var (partition, offset) in Watermarks.Applied)
            {
                w.VarInt32(partition);
                w.Int64(offset);
            }
            w.Int64(NewestAppliedSecond);

            w.VarInt32(_groups.Count);
            foreach (var group in _groups.Values)
            {
                w.String(group.Key);
                w.Doubles(group.Profile.Raw);
                w.Doubles(group.Profile.Visits);
                w.Doubles(group.Profile.Sums);
            }

            Span<int> counts = stackalloc int[RollingWindow.Seconds];
            w.VarInt32(_businesses.Count);
            foreach (var (id, business) in _businesses)
            {
                w.String(id);
                WriteTraffic(ref w, business.Traffic, counts);
            }
            _lastCheckpointBytes = w.Length;
            return new ShardCheckpoint(w.ToArray());
        }
        finally
        {
            w.Dispose();
        }
    }

    private static void WriteTraffic(ref CheckpointWriter w, BusinessTraffic traffic, scoped Span<int> counts)
    {
        ref readonly var window = ref traffic.Window;
        w.Int64(window.HeadSecond);
        if (!window.IsEmpty)
        {
            window.CopyTo(counts);
            WriteCounts(ref w, counts);
            traffic.Minutes.CopyTo(BusinessTraffic.FloorDiv(window.HeadSecond, 60), counts);
            WriteCounts(ref w, counts);
        }
        ref readonly var b = ref traffic.Baseline;
        w.Double(b.Level); w.Double(b.Slow); w.Double(b.FastLevel); w.Double(b.Spread);
        w.VarInt32(b.Samples); w.VarInt32(b.ShiftRun);
        w.Int64(traffic.FirstSeenSecond); w.Int64(traffic.BaselineThroughMinute);
        w.VarUInt64((ulong)traffic.Total); w.VarUInt64((ulong)traffic.Late);
        ref readonly var d = ref traffic.Detector;
        w.Byte((byte)((d.IsSurging ? SurgingFlag : 0) | (d.IsDrop ? DropFlag : 0)));
        w.Int64(d.SinceSecond); w.Double(d.Score); w.Double(d.PeakScore);
    }

    /// <summary>60 counts as a mask of the non-zero ones, then those as varints.</summary>
    private static void WriteCounts(ref CheckpointWriter w, scoped ReadOnlySpan<int> counts)
    {
        ulong mask = 0;
        for (var i = 0; i < counts.Length; i++)
            if (counts[i] != 0) mask |= 1UL << i;
        w.Int64((long)mask);
        for (var rest = mask; rest != 0; rest &= rest - 1) w.VarInt32(counts[BitOperations.TrailingZeroCount(rest)]);
    }

    private static void ReadCounts(ref CheckpointReader r, scoped Span<int> counts)
    {
        var mask = (ulong)r.Int64();
        if ((mask >> counts.Length) != 0) throw new InvalidDataException("A checkpoint's count mask has bits beyond its 60 slots");
        counts.Clear();
        for (var rest = mask; rest != 0; rest &= rest - 1) counts[BitOperations.TrailingZeroCount(rest)] = r.VarInt32();
    }

    /// <summary>Reads a checkpoint (format SS3) into this state, as <see cref="Restore(TrackerSnapshot, long, Action{TrackedBusiness})"/>
    /// does a snapshot.</summary>
    /// <param name="nowTicks">Counts as every restored business's last arrival, as a fresh tracker did.</param>
    public void Restore(ShardCheckpoint checkpoint, long nowTicks, Action<TrackedBusiness>? added = null)
    {
        var r = new CheckpointReader(checkpoint.Bytes);
        var partitions = r.Count(9);
        var watermarks = new Dictionary<int, long>(partitions);
        for (var i = 0; i < partitions; i++) watermarks[r.VarInt32()] = r.Int64();
        Watermarks.Restore(watermarks);
        NewestAppliedSecond = r.Int64();

        var groups = r.Count(4);
        for (var i = 0; i < groups; i++)
        {
            var (key, values, visits, sums) = (r.String(), r.Doubles(), r.Doubles(), r.Doubles());
            // A profile of another layout (none has been written yet) starts afresh rather than failing the recovery.
            if (SeasonalProfile.Fits(values, visits)) GroupOf(key).Profile.Restore(values, visits, sums);
        }

        Span<int> window = stackalloc int[RollingWindow.Seconds];
        Span<int> minutes = stackalloc int[MinuteHistory.Minutes];
        var count = r.Count(16);
        for (var i = 0; i < count; i++)
        {
            var business = GetOrAdd(r.String(), added);
            var head = r.Int64();
            var lastMinute = long.MinValue;
            scoped Span<int> minuteCounts = Span<int>.Empty;
            window.Clear();
            if (head != long.MinValue)
            {
                ReadCounts(ref r, window);
                ReadCounts(ref r, minutes);
                lastMinute = BusinessTraffic.FloorDiv(head, 60);
                minuteCounts = minutes;
            }
            var baseline = new BaselineState
            {
                Level = r.Double(), Slow = r.Double(), FastLevel = r.Double(), Spread = r.Double(),
                Samples = r.VarInt32(), ShiftRun = r.VarInt32(),
            };
            var (firstSeen, through) = (r.Int64(), r.Int64());
            var (total, late) = ((long)r.VarUInt64(), (long)r.VarUInt64());
            var flags = r.Byte();
            var (since, score, peak) = (r.Int64(), r.Double(), r.Double());
            business.Traffic.Restore(head, window, lastMinute, minuteCounts, baseline, firstSeen, through, total, late,
                (flags & SurgingFlag) != 0, since, score, peak, (flags & DropFlag) != 0);
            // As for a snapshot: the head bounds what a recreated log must go beyond.
            NewestAppliedSecond = Math.Max(NewestAppliedSecond, head);
            business.LastArrivalTicks = nowTicks;
            business.HeadAtLastArrival = business.Traffic.Window.HeadSecond;
        }
        if (!r.AtEnd) throw new InvalidDataException("The checkpoint has bytes after its last business");
    }
}
