using BenchmarkDotNet.Attributes;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;

namespace Holler.Benchmarks;

/// <summary>
/// A business's whole per-batch work in the tracker: record a few seconds' counts (window, minutes, baseline learning
/// as minutes finish) and evaluate the surge score. Also what one business's domain state costs to create.
/// </summary>
[MemoryDiagnoser]
public class DetectorBenchmarks
{
    private BusinessTraffic _traffic = null!;
    private long _second;

    [GlobalSetup]
    public void Setup()
    {
        _traffic = new BusinessTraffic(BaselineSettings.Default, DetectorSettings.Default);
        _second = 1_800_000_000;
        // Past warm-up, so the baseline learns and the detector scores.
        for (var i = 0; i < 600; i++) _traffic.Record(_second++, 2);
    }

    [Benchmark(Description = "record one second + evaluate")]
    public SurgeTransition RecordAndEvaluate()
    {
        _traffic.Record(_second++, 2);
        return _traffic.Evaluate();
    }

    [Benchmark(Description = "minute learned (level, spread, shared rhythm)")]
    public double MinuteLearned()
    {
        // A minute's worth of seconds: the last advances the window past a minute boundary, which learns that minute.
        for (var i = 0; i < 60; i++) _traffic.Record(_second++, 2);
        return _traffic.Baseline.Level;
    }

    [Benchmark(Description = "new business state (bytes = memory per business, domain part)")]
    public BusinessTraffic NewBusiness() => new(BaselineSettings.Default, DetectorSettings.Default);
}
