using System.Buffers;
using Holler.Domain.Catalog;
using Holler.Domain.Detection;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;

namespace Holler.Tracking;

/// <summary>
/// Everything one shard tracker knows, without Akka: its businesses, and per Kafka partition the highest offset it has
/// applied. Turns a batch into the event to persist (<see cref="Summarise"/>), and applies persisted events
/// (<see cref="Apply"/>) live and on recovery alike.
/// </summary>
public sealed partial class ShardState(TrackerSettings settings)
{
    private readonly Dictionary<string, TrackedBusiness> _businesses = new(StringComparer.Ordinal);

    /// <summary>The rhythms this shard's businesses share, by category.</summary>
    private readonly Dictionary<string, SeasonGroup> _groups = new(StringComparer.Ordinal);

    /// <summary>Category of the businesses the directory does not know: they share one rhythm, on UTC.</summary>
    public const string UnknownCategory = "";

    public OffsetWatermarks Watermarks { get; } = new();

    // The indexes of the last summarised batch's fresh events, in offset order, then grouped by business: kept (not
    // rented) so the batch's dimensions can be applied to exactly the events that counted.
    private int[] _fresh = [];
    private int[] _freshByBusiness = [];
    private int[] _freshEnds = [];
    private int _freshCount;
    private int _freshBusinesses;

    /// <summary>Indexes into the last batch given to <see cref="Summarise"/> of the events it found fresh, grouped by
    /// business in the batch's order of businesses and in offset order within each; valid until the next call. Business
    /// <c>b</c>'s are <c>FreshByBusiness[FreshEnds[b-1]..FreshEnds[b]]</c>: one business's events one after another keep
    /// its state in the cache while they are applied.</summary>
    public ReadOnlySpan<int> FreshByBusiness => _freshByBusiness.AsSpan(0, _freshCount);

    /// <summary>Per business of the last summarised batch, where its fresh events end in <see cref="FreshByBusiness"/>.</summary>
    public ReadOnlySpan<int> FreshEnds => _freshEnds.AsSpan(0, _freshBusinesses);

    /// <summary>The latest event second ever applied, from any partition: what a recreated log must go beyond.</summary>
    public long NewestAppliedSecond { get; private set; } = long.MinValue;

    public int Count => _businesses.Count;

    public IEnumerable<TrackedBusiness> Businesses => _businesses.Values;

    public TrackedBusiness? Find(string businessId) => _businesses.GetValueOrDefault(businessId);

    /// <summary>A business this shard has never seen, as it would look: for questions about it.</summary>
    public BusinessTraffic Unseen() => new(settings.Baseline, settings.Detector);

    public IReadOnlyCollection<SeasonGroup> Groups => _groups.Values;

    /// <summary>
    /// The events of <paramref name="batch"/> not applied yet, per business with runs of equal seconds collapsed; null
    /// when there are none. An event is new only above everything applied before it from its partition, in this batch
    /// too: the consumer hands records out in offset order, so anything lower that follows a higher offset is a
    /// re-fetch after a rebalance, already applied or earlier in this very batch.
    /// </summary>
    /// <returns>The event to persist, or null; <paramref name="fresh"/> counts its events.</returns>
    public TrafficRecorded? Summarise(TrafficBatch batch, out int fresh, out bool recreated)
    {
        var newest = long.MinValue;
        foreach (var second in batch.Seconds) newest = Math.Max(newest, second);
        var watermark = Watermarks.WatermarkFor(batch.Partition, batch.LogEndOffset, newest > NewestAppliedSecond, out recreated);

        // A counting sort by business, stable in offset order, then runs collapsed per business: a few arrays per
        // batch instead of two lists per business (this runs for every shard of every micro-batch).
        var businesses = batch.BusinessIds.Length;
        var events = batch.Offsets.Length;
        var perBusiness = ArrayPool<int>.Shared.Rent(businesses + 1);
        if (_fresh.Length < events) _fresh = new int[Math.Max(events, 2 * _fresh.Length)];
        if (_freshByBusiness.Length < events) _freshByBusiness = new int[_fresh.Length];
        if (_freshEnds.Length < businesses) _freshEnds = new int[Math.Max(businesses, 2 * _freshEnds.Length)];
        var order = _fresh;
        _freshCount = _freshBusinesses = 0;
        try
        {
            Array.Clear(perBusiness, 0, businesses + 1);
            var lastOffset = long.MinValue;
            fresh = 0;
            for (var i = 0; i < events; i++)
            {
                var offset = batch.Offsets[i];
                if (offset <= watermark || offset <= lastOffset) continue;
                lastOffset = offset;
                order[fresh++] = i;
                perBusiness[batch.Businesses[i] + 1]++;
            }
            _freshCount = fresh;
            if (fresh == 0) return null;

            // perBusiness[b] becomes where business b's events start in the sorted order.
            var touched = 0;
            for (var b = 0; b < businesses; b++)
            {
                if (perBusiness[b + 1] > 0) touched++;
                perBusiness[b + 1] += perBusiness[b];
            }
            var sorted = ArrayPool<long>.Shared.Rent(fresh);
            try
            {
                for (var k = 0; k < fresh; k++)
                {
                    var i = order[k];
                    var at = perBusiness[batch.Businesses[i]]++;
                    sorted[at] = batch.Seconds[i];
                    _freshByBusiness[at] = i;
                }
                Array.Copy(perBusiness, _freshEnds, businesses);
                _freshBusinesses = businesses;
                // Now perBusiness[b] is where business b's events end; count the runs of equal seconds.
                var runCount = 0;
                for (int b = 0, start = 0; b < businesses; start = perBusiness[b++])
                    for (var k = start; k < perBusiness[b]; k++)
                        if (k == start || sorted[k] != sorted[k - 1]) runCount++;

                var ids = new string[touched];
                var ends = new int[touched];
                var seconds = new long[runCount];
                var counts = new int[runCount];
                var r = -1;
                var t = 0;
                var from = 0;
                for (var b = 0; b < businesses; b++)
                {
                    var to = perBusiness[b];
                    if (to == from) continue;
                    for (var k = from; k < to; k++)
                    {
                        if (k == from || sorted[k] != sorted[k - 1]) seconds[++r] = sorted[k];
                        counts[r]++;
                    }
                    ids[t] = batch.BusinessIds[b];
                    ends[t++] = r + 1;
                    from = to;
                }
                return new TrafficRecorded(batch.Partition, lastOffset, recreated, batch.ObservedSinceSecond, ids, ends, seconds, counts);
            }
            finally
            {
                ArrayPool<long>.Shared.Return(sorted);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(perBusiness);
        }
    }

    /// <summary>Applies a persisted event and returns the businesses it touched, for the caller to evaluate.</summary>
    /// <param name="nowTicks">Processing time of the arrival (<see cref="DateTimeOffset.UtcTicks"/>).</param>
    /// <param name="added">Called for every business this shard meets for the first time.</param>
    public TrackedBusiness[] Apply(TrafficRecorded recorded, long nowTicks, Action<TrackedBusiness>? added = null)
    {
        if (recorded.PartitionReset) Watermarks.Reset(recorded.Partition);
        var touched = new TrackedBusiness[recorded.BusinessIds.Length];
        var start = 0;
        for (var k = 0; k < recorded.BusinessIds.Length; k++)
        {
            var business = GetOrAdd(recorded.BusinessIds[k], added);
            var traffic = business.Traffic;
            if (recorded.ObservedSinceSecond > 0) traffic.ObservedSince(recorded.ObservedSinceSecond);
            var end = recorded.RunEnds[k];
            for (var i = start; i < end; i++)
            {
                traffic.Record(recorded.Seconds[i], recorded.Counts[i]);
                if (recorded.Seconds[i] > NewestAppliedSecond) NewestAppliedSecond = recorded.Seconds[i];
            }
            start = end;
            business.LastArrivalTicks = nowTicks;
            business.HeadAtLastArrival = traffic.Window.HeadSecond;
            touched[k] = business;
        }
        Watermarks.MarkApplied(recorded.Partition, recorded.LastOffset);
        return touched;
    }

    /// <summary>Event time only moves with events; when a business goes quiet, let the clock move its window so a
    /// surge whose traffic stopped ends instead of freezing on the leaderboard.</summary>
    public void SlideIfQuiet(TrackedBusiness business, long nowTicks)
    {
        if (business.Traffic.Window.IsEmpty) return;
        var idle = TimeSpan.FromTicks(nowTicks - business.LastArrivalTicks);
        if (idle >= settings.Quiet) business.Traffic.AdvanceTo(business.HeadAtLastArrival + (long)idle.TotalSeconds);
    }

    public TrackerSnapshot ToSnapshot()
    {
        var ids = new string[_businesses.Count];
        var states = new BusinessTrafficState[_businesses.Count];
        var i = 0;
        foreach (var (id, business) in _businesses)
        {
            ids[i] = id;
            states[i++] = business.Traffic.ToState();
        }
        var profiles = _groups.Values
            .Select(g => new SeasonalProfileState(g.Key, g.Profile.Raw.ToArray(), g.Profile.Visits.ToArray(), g.Profile.Sums))
            .ToArray();
        return new TrackerSnapshot(new Dictionary<int, long>(Watermarks.Applied), NewestAppliedSecond, ids, states, profiles);
    }

    /// <param name="nowTicks">Counts as every restored business's last arrival, as a fresh tracker did.</param>
    public void Restore(TrackerSnapshot snapshot, long nowTicks, Action<TrackedBusiness>? added = null)
    {
        Watermarks.Restore(snapshot.Watermarks);
        NewestAppliedSecond = snapshot.NewestAppliedSecond;
        // A profile of another layout (none has been written yet) starts afresh rather than failing the recovery.
        foreach (var profile in snapshot.Profiles)
            if (SeasonalProfile.Fits(profile.Values, profile.Visits))
                GroupOf(profile.Key).Profile.Restore(profile.Values, profile.Visits, profile.Sums);
        for (var i = 0; i < snapshot.BusinessIds.Length; i++)
        {
            var business = GetOrAdd(snapshot.BusinessIds[i], added);
            business.Traffic.Restore(snapshot.Businesses[i]);
            // The window's head is the latest second the snapshot had applied (or later, if a quiet window slid): a
            // bound at least as high keeps stale batches from passing for a recreated log.
            NewestAppliedSecond = Math.Max(NewestAppliedSecond, snapshot.Businesses[i].HeadSecond);
            business.LastArrivalTicks = nowTicks;
            business.HeadAtLastArrival = business.Traffic.Window.HeadSecond;
        }
    }

    private TrackedBusiness GetOrAdd(string id, Action<TrackedBusiness>? added)
    {
        if (_businesses.TryGetValue(id, out var business)) return business;
        var place = settings.Directory?.Invoke(id);
        var group = GroupOf(place?.Category ?? UnknownCategory);
        var zone = place is null ? NodaTime.DateTimeZone.Utc : TimeZoneFinder.Default.Find(place.Latitude, place.Longitude);
        group.Join();
        business = new TrackedBusiness(id, settings.Baseline, settings.Detector, group, zone);
        _businesses[id] = business;
        added?.Invoke(business);
        return business;
    }

    private SeasonGroup GroupOf(string category)
    {
        if (!_groups.TryGetValue(category, out var group)) _groups[category] = group = new SeasonGroup(category, settings.Model);
        return group;
    }
}
