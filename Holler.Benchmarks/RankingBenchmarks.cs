using BenchmarkDotNet.Attributes;
using Holler.Domain.Surges;

namespace Holler.Benchmarks;

/// <summary>The leaderboard's ranking: a surge report updating its entry, and taking the top 10 (once a second).</summary>
[MemoryDiagnoser]
public class RankingBenchmarks
{
    private LeaderboardRanking _ranking = new();
    private LeaderboardEntry[] _entries = [];
    private int _next;

    [Params(100, 10_000)]
    public int Surging { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ranking = new LeaderboardRanking();
        var random = new Random(42);
        _entries = Enumerable.Range(0, Surging)
            .Select(i => new LeaderboardEntry($"business-{i}", 4 + random.NextDouble() * 20, 100 + i, 30, 3 + random.NextDouble(), 0, 0))
            .ToArray();
        foreach (var e in _entries) _ranking.Upsert(e);
    }

    [Benchmark(Description = "upsert a report")]
    public void Upsert()
    {
        _ranking.Upsert(_entries[_next]);
        if (++_next == _entries.Length) _next = 0;
    }

    [Benchmark(Description = "top 10")]
    public int Top10() => _ranking.Top(10).Count;
}
