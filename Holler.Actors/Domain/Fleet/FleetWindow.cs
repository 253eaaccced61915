namespace Holler.Domain.Fleet;

/// <summary>
/// The last hour of the fleet's traffic, summed over every ingest node: a ring of <see cref="Buckets"/> buckets of
/// <see cref="BucketSeconds"/> seconds by event time. Memory is bounded by the ring and by each dimension's
/// <see cref="FleetDimension.MaxValues"/> per bucket (the rest counts as <see cref="FleetDimensions.Other"/>); a second
/// older than the ring's hour is ignored. Pure and single-threaded: the web node's fleet view actor owns one.
/// </summary>
public sealed class FleetWindow
{
    public const int BucketSeconds = 10;
    public const int Buckets = 360;

    /// <summary>Complete buckets the rate is averaged over: one bucket swings with a stalled micro-batch or two.</summary>
    public const int RateBuckets = 3;

    private readonly Bucket[] _ring = new Bucket[Buckets];
    private long _newestBucket = long.MinValue;

    public FleetWindow()
    {
        for (var i = 0; i < Buckets; i++) _ring[i] = new Bucket();
    }

    public void Add(FleetSecond second)
    {
        var bucket = Math.DivRem(second.Second, BucketSeconds).Quotient;
        if (_newestBucket != long.MinValue && bucket <= _newestBucket - Buckets) return;
        _newestBucket = Math.Max(_newestBucket, bucket);
        var slot = _ring[(int)(((bucket % Buckets) + Buckets) % Buckets)];
        if (slot.Index != bucket) slot.Reset(bucket);
        slot.Events += second.Events;
        slot.Errors += second.Errors;
        foreach (var (name, values) in second.Counts)
        {
            var dimension = FleetDimensions.Find(name);
            if (dimension is null) continue;
            foreach (var (value, count) in values) slot.Add(dimension, value, count);
        }
    }

    /// <summary>The view at <paramref name="nowSecond"/>: the hour's series, the rate over the last complete buckets, the
    /// error share and the traffic per state and county over the last <paramref name="recentSeconds"/>.</summary>
    public FleetSnapshot Snapshot(long nowSecond, int topCategories = 8, int recentSeconds = 300)
    {
        // The bucket holding now is still filling: rates come from the last complete one.
        var current = Math.DivRem(nowSecond, BucketSeconds).Quotient;
        var first = current - Buckets + 1;
        var starts = new long[Buckets];
        var events = new long[Buckets];
        var errors = new long[Buckets];
        for (var b = first; b <= current; b++)
        {
            var i = (int)(b - first);
            starts[i] = b * BucketSeconds;
            if (At(b) is { } slot)
            {
                events[i] = slot.Events;
                errors[i] = slot.Errors;
            }
        }
        var recentFrom = current - recentSeconds / BucketSeconds;
        long recentEvents = 0, recentErrors = 0;
        for (var b = recentFrom; b < current; b++)
            if (At(b) is { } slot)
            {
                recentEvents += slot.Events;
                recentErrors += slot.Errors;
            }
        return new FleetSnapshot(
            nowSecond * 1000,
            BucketSeconds,
            starts,
            events,
            errors,
            events.Skip(Buckets - 1 - RateBuckets).Take(RateBuckets).Sum() / (double)(RateBuckets * BucketSeconds),
            recentEvents == 0 ? 0 : recentErrors / (double)recentEvents,
            Series(FleetDimensions.Category, first, current, topCategories),
            Totals(FleetDimensions.State, recentFrom, current),
            Totals(FleetDimensions.County, recentFrom, current),
            recentSeconds);
    }

    /// <summary>Per bucket, the counts of the dimension's <paramref name="top"/> values over the hour; the rest summed as
    /// <see cref="FleetDimensions.Other"/>.</summary>
    public IReadOnlyList<FleetSeries> Series(FleetDimension dimension, long firstBucket, long lastBucket, int top)
    {
        var totals = Totals(dimension, firstBucket, lastBucket + 1);
        var shown = totals.Where(t => t.Key != FleetDimensions.Other).OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(top).Select(t => t.Key).ToList();
        var index = shown.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i, StringComparer.Ordinal);
        var width = (int)(lastBucket - firstBucket + 1);
        var counts = shown.Select(_ => new long[width]).ToList();
        var other = new long[width];
        for (var b = firstBucket; b <= lastBucket; b++)
        {
            if (At(b)?.Values(dimension) is not { } values) continue;
            foreach (var (value, count) in values)
                (index.TryGetValue(value, out var i) ? counts[i] : other)[b - firstBucket] += count;
        }
        var series = shown.Select((v, i) => new FleetSeries(v, counts[i])).ToList();
        if (other.Any(c => c > 0)) series.Add(new FleetSeries(FleetDimensions.Other, other));
        return series;
    }

    /// <summary>The dimension's counts per value over buckets [<paramref name="fromBucket"/>, <paramref name="toBucket"/>).</summary>
    public IReadOnlyDictionary<string, long> Totals(FleetDimension dimension, long fromBucket, long toBucket)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var b = fromBucket; b < toBucket; b++)
        {
            if (At(b)?.Values(dimension) is not { } values) continue;
            foreach (var (value, count) in values) totals[value] = totals.GetValueOrDefault(value) + count;
        }
        return totals;
    }

    private Bucket? At(long bucket)
    {
        var slot = _ring[(int)(((bucket % Buckets) + Buckets) % Buckets)];
        return slot.Index == bucket ? slot : null;
    }

    private sealed class Bucket
    {
        public long Index = long.MinValue;
        public long Events;
        public long Errors;
        private readonly Dictionary<FleetDimension, Dictionary<string, long>> _byDimension = [];

        public void Reset(long index)
        {
            Index = index;
            Events = 0;
            Errors = 0;
            foreach (var values in _byDimension.Values) values.Clear();
        }

        public void Add(FleetDimension dimension, string value, long count)
        {
            if (!_byDimension.TryGetValue(dimension, out var values)) _byDimension[dimension] = values = new Dictionary<string, long>(StringComparer.Ordinal);
            if (!values.ContainsKey(value) && values.Count >= dimension.MaxValues) value = FleetDimensions.Other;
            values[value] = values.GetValueOrDefault(value) + count;
        }

        public IReadOnlyDictionary<string, long>? Values(FleetDimension dimension) => _byDimension.GetValueOrDefault(dimension);
    }
}
