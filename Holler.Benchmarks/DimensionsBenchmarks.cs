using System.Text;
using BenchmarkDotNet.Attributes;
using Holler.Domain;
using Holler.Domain.Catalog;
using Holler.Domain.Dimensions;
using Holler.Generation;
using Holler.Ingest;
using Holler.Tracking;

namespace Holler.Benchmarks;

/// <summary>
/// The trackers' per-event share of the breakdowns (issue 17's engine cost): one micro-batch of 20,000 contract records
/// over 200,000 businesses (Zipf 1.0, 100 shards, as the engine scenario draws them), its events added to the
/// breakdowns of the 46,000 busiest businesses (those the gate admits at engine rates), either in offset order or
/// business by business as the trackers do. Divide the mean by <see cref="MicroBatchBenchmarks.Records"/>.
/// </summary>
public class DimensionsBenchmarks
{
    private const int Businesses = 200_000;
    private const int Busy = 46_000;

    private readonly List<(TrafficBatch Batch, TrackedDimensions?[] ByBusiness, int[] Grouped, int[] Ends)> _batches = [];

    [Params(true, false)]
    public bool ByBusiness { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalog = BusinessCatalog.Synthetic(Businesses);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var json = new EventJson(catalog);
        var zipf = new ZipfSampler(Businesses, 1.0);
        var random = new Random(42);
        var records = new ConsumedRecord[MicroBatchBenchmarks.Records];
        for (var i = 0; i < records.Length; i++)
        {
            var b = zipf.Sample(random.NextDouble());
            records[i] = new ConsumedRecord(Encoding.UTF8.GetBytes(catalog[b].Id), json.Write(b, now, i).ToArray(), b % 4, i, -1);
        }
        var busy = new HashSet<string>(Enumerable.Range(0, Busy).Select(b => catalog[b].Id));
        var dimensions = new Dictionary<string, TrackedDimensions>();
        var batch = MicroBatch.From(records, now, ParseLimits.Default, 100, now / 1000, new BusinessIdPool(), 1, new DimensionValuePool(), null);
        foreach (var shard in batch.Batches)
        {
            var state = new ShardState(TrackerSettings.Default);
            state.Summarise(shard, out _, out _);
            var byBusiness = shard.BusinessIds
                .Select(id => busy.Contains(id) ? dimensions.TryGetValue(id, out var d) ? d : dimensions[id] = new TrackedDimensions() : null)
                .ToArray();
            _batches.Add((shard, byBusiness, state.FreshByBusiness.ToArray(), state.FreshEnds.ToArray()));
        }
    }

    [Benchmark]
    public int Add()
    {
        var added = 0;
        foreach (var (batch, byBusiness, grouped, ends) in _batches)
        {
            var dims = batch.Dimensions!;
            if (ByBusiness)
            {
                for (int b = 0, from = 0; b < ends.Length; from = ends[b++])
                {
                    if (byBusiness[b] is not { } target) continue;
                    var breakdown = target.Breakdown;
                    foreach (var i in grouped.AsSpan(from, ends[b] - from))
                    {
                        breakdown.Add(batch.Seconds[i], dims.PlatformAt(i), dims.StatusClassAt(i), dims.PathAt(i),
                            dims.ReferrerAt(i), dims.RegionAt(i), dims.Users[i]);
                        added++;
                    }
                }
            }
            else
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    if (byBusiness[batch.Businesses[i]] is not { } target) continue;
                    target.Breakdown.Add(batch.Seconds[i], dims.PlatformAt(i), dims.StatusClassAt(i), dims.PathAt(i),
                        dims.ReferrerAt(i), dims.RegionAt(i), dims.Users[i]);
                    added++;
                }
            }
        }
        return added;
    }
}
