using Holler.Domain.Surges;
using Holler.Domain.Traffic;

namespace Holler.Tracking;

/// <summary>
/// Everything one shard tracker knows, without Akka: its businesses, and per Kafka partition the highest offset it has
/// applied. Turns a batch into the event to persist (<see cref="Summarise"/>), and applies persisted events
/// (<see cref="Apply"/>) live and on recovery alike.
/// </summary>
public sealed class ShardState(TrackerSettings settings)
{
    private readonly Dictionary<string, TrackedBusiness> _businesses = new(StringComparer.Ordinal);

    public OffsetWatermarks Watermarks { get; } = new();

    /// <summary>The latest event second ever applied, from any partition: what a recreated log must go beyond.</summary>
    public long NewestAppliedSecond { get; private set; } = long.MinValue;

    public int Count => _businesses.Count;

    public IEnumerable<TrackedBusiness> Businesses => _businesses.Values;

    public TrackedBusiness? Find(string businessId) => _businesses.GetValueOrDefault(businessId);

    /// <summary>A business this shard has never seen, as it would look: for questions about it.</summary>
    public BusinessTraffic Unseen() => new(settings.Baseline, settings.Detector);

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

        var runs = new Runs[batch.BusinessIds.Length];
        var lastOffset = long.MinValue;
        var touched = 0;
        var runCount = 0;
        fresh = 0;
        for (var i = 0; i < batch.Offsets.Length; i++)
        {
            var offset = batch.Offsets[i];
            if (offset <= watermark || offset <= lastOffset) continue;
            fresh++;
            lastOffset = offset;
            ref var business = ref runs[batch.Businesses[i]];
            if (business.Seconds is null)
            {
                business.Seconds = new List<long>(2);
                business.Counts = new List<int>(2);
                touched++;
            }
            var second = batch.Seconds[i];
            if (business.Seconds.Count > 0 && business.Seconds[^1] == second) business.Counts![^1]++;
            else
            {
                business.Seconds.Add(second);
                business.Counts!.Add(1);
                runCount++;
            }
        }
        if (fresh == 0) return null;

        var ids = new string[touched];
        var ends = new int[touched];
        var seconds = new long[runCount];
        var counts = new int[runCount];
        var k = 0;
        var r = 0;
        for (var b = 0; b < runs.Length; b++)
        {
            if (runs[b].Seconds is not { } s) continue;
            ids[k] = batch.BusinessIds[b];
            s.CopyTo(seconds, r);
            runs[b].Counts!.CopyTo(counts, r);
            r += s.Count;
            ends[k++] = r;
        }
        return new TrafficRecorded(batch.Partition, lastOffset, recreated, batch.ObservedSinceSecond, ids, ends, seconds, counts);
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
        return new TrackerSnapshot(new Dictionary<int, long>(Watermarks.Applied), NewestAppliedSecond, ids, states);
    }

    /// <param name="nowTicks">Counts as every restored business's last arrival, as a fresh tracker did.</param>
    public void Restore(TrackerSnapshot snapshot, long nowTicks, Action<TrackedBusiness>? added = null)
    {
        Watermarks.Restore(snapshot.Watermarks);
        NewestAppliedSecond = snapshot.NewestAppliedSecond;
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
        business = new TrackedBusiness(id, settings.Baseline, settings.Detector);
        _businesses[id] = business;
        added?.Invoke(business);
        return business;
    }

    private struct Runs
    {
        public List<long>? Seconds;
        public List<int>? Counts;
    }
}
