using System.Text;
using BenchmarkDotNet.Attributes;
using Holler.Domain;
using Holler.Domain.Catalog;
using Holler.Domain.Fleet;
using Holler.Generation;
using Holler.Ingest;

namespace Holler.Benchmarks;

/// <summary>
/// One micro-batch of 20,000 contract records over 200,000 businesses (Zipf 1.0, as the engine scenario draws them)
/// parsed and grouped on one thread, with the node's pools and fleet counting: the ingest's share of the engine's CPU
/// per event, without the actors. Divide the mean by <see cref="Records"/> for the cost of one event.
/// </summary>
[MemoryDiagnoser]
public class MicroBatchBenchmarks
{
    public const int Records = 20_000;
    private const int Businesses = 200_000;

    private ConsumedRecord[] _records = [];
    private long _now;
    private BusinessIdPool _ids = new();
    private DimensionValuePool _values = new();
    private FleetDirectory _fleet = FleetDirectory.Empty;

    /// <summary>Whether the fleet views count the batch, as a node's ingest does.</summary>
    [Params(true, false)]
    public bool Fleet { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalog = BusinessCatalog.Synthetic(Businesses);
        _fleet = new FleetDirectory(catalog);
        _now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var json = new EventJson(catalog);
        var zipf = new ZipfSampler(Businesses, 1.0);
        var random = new Random(42);
        _records = new ConsumedRecord[Records];
        for (var i = 0; i < Records; i++)
        {
            var b = zipf.Sample(random.NextDouble());
            _records[i] = new ConsumedRecord(Encoding.UTF8.GetBytes(catalog[b].Id), json.Write(b, _now, i).ToArray(), b % 4, i, -1);
        }
        // Warm pools, as in a node that has seen these businesses and pages before.
        _ids = new BusinessIdPool();
        _values = new DimensionValuePool();
        MicroBatch.From(_records, _now, ParseLimits.Default, 100, 0, _ids, 1, _values, _fleet);
    }

    [Benchmark]
    public int ParseAndGroup() =>
        MicroBatch.From(_records, _now, ParseLimits.Default, 100, _now / 1000, _ids, 1, _values, Fleet ? _fleet : null).Accepted;
}
