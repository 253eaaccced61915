using BenchmarkDotNet.Attributes;
using Holler.Serialization;
using Holler.Tracking;

namespace Holler.Benchmarks;

/// <summary>
/// One shard's checkpoint as the engine scenario has them: 2,000 businesses (200,000 over 100 shards) after 15 minutes
/// of Zipf(1) traffic at 300,000 events/s in all, so a few are busy and most see an event now and then. Divide by 2,000
/// for the cost per business. The snapshot (SS2) is what trackers saved before: a state object per business, then the
/// codec; the checkpoint (SS3) is written straight from the live state.
/// </summary>
[MemoryDiagnoser]
public class CheckpointBenchmarks
{
    public const int Businesses = 2_000;
    private ShardState _state = null!;
    private HollerSerializer _serializer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _state = new ShardState(TrackerSettings.Default);
        _serializer = new HollerSerializer(null!);
        // Business i of this shard has global rank 100 i + 1 among 200,000; Zipf(1) gives rank r a share 1 / (r H).
        const double total = 300_000, harmonic = 12.78;
        var rates = Enumerable.Range(0, Businesses).Select(i => total / (harmonic * (100.0 * i + 1))).ToArray();
        var carry = new double[Businesses];
        var ids = Enumerable.Range(0, Businesses).Select(i => $"biz-{i * 100:D6}").ToArray();
        const long start = 1_800_000_000;
        long offset = 0;
        for (var second = start; second < start + 15 * 60; second++)
        {
            var touched = new List<string>();
            var counts = new List<int>();
            for (var i = 0; i < Businesses; i++)
            {
                carry[i] += rates[i];
                if (carry[i] < 1) continue;
                var count = (int)carry[i];
                carry[i] -= count;
                touched.Add(ids[i]);
                counts.Add(count);
            }
            if (touched.Count == 0) continue;
            offset += counts.Sum();
            var recorded = new TrafficRecorded(0, offset, false, start, [.. touched],
                Enumerable.Range(1, touched.Count).ToArray(), Enumerable.Repeat(second, touched.Count).ToArray(), [.. counts]);
            foreach (var business in _state.Apply(recorded, nowTicks: 1)) business.Traffic.Evaluate();
        }
    }

    [Benchmark(Baseline = true, Description = "snapshot (SS2): state objects, then the codec")]
    public byte[] Snapshot() => _serializer.ToBinary(_state.ToSnapshot());

    [Benchmark(Description = "checkpoint (SS3): live state straight to bytes")]
    public byte[] Checkpoint() => _serializer.ToBinary(_state.ToCheckpoint());
}
