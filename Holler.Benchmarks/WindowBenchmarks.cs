using BenchmarkDotNet.Attributes;
using Holler.Domain.Traffic;

namespace Holler.Benchmarks;

/// <summary>The rolling window: recording a second's count as time moves on (the common case), and a late event.</summary>
[MemoryDiagnoser]
public class WindowBenchmarks
{
    private RollingWindow _window = new();
    private long _second;

    [GlobalSetup]
    public void Setup()
    {
        _window = new RollingWindow();
        _second = 1_800_000_000;
        _window.Add(_second, 1);
    }

    [Benchmark(Description = "advance one second and add")]
    public bool AdvanceAndAdd()
    {
        _second++;
        _window.AdvanceTo(_second);
        return _window.Add(_second, 3);
    }

    [Benchmark(Description = "add within the window")]
    public bool AddWithin() => _window.Add(_second - 10, 1);
}
