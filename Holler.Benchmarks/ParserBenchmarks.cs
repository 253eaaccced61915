using System.Text;
using BenchmarkDotNet.Attributes;
using Holler.Domain;
using Holler.Domain.Catalog;
using Holler.Generation;

namespace Holler.Benchmarks;

/// <summary>One contract record (as the generator writes it) through the parser: the per-event cost of ingest.</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private byte[] _key = [];
    private byte[] _value = [];
    private long _now;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = BusinessCatalog.Synthetic(1000);
        _now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _value = new EventJson(catalog).Write(17, _now, 1).ToArray();
        _key = Encoding.UTF8.GetBytes(catalog[17].Id);
    }

    [Benchmark]
    public bool Parse() => TrafficEventParser.TryParse(_key, _value, _now, ParseLimits.Default, out _, out _);
}
