using System.Collections.Concurrent;
using System.Diagnostics;

namespace Holler.Host.Commands.Bench;

/// <summary>Names of the places a probe's surge is seen, in pipeline order.</summary>
public static class FreshnessStages
{
    /// <summary>The leaderboard singleton's publication on DistributedPubSub topic "leaderboard".</summary>
    public const string Leaderboard = "leaderboard";
    /// <summary>The node's dashboard feed (Holler.Web's ClusterFeed) handing the publication to its pages.</summary>
    public const string Dashboard = "dashboard";
}

/// <summary>
/// When each probe's burst was produced, and when each stage first showed the probe: a stage is anything that sees
/// leaderboard content (the pub-sub subscriber here; the dashboard feed can call <see cref="Seen"/> the same way).
/// </summary>
public sealed class FreshnessClock
{
    private readonly ConcurrentDictionary<string, long> _producedAt = new();
    private readonly ConcurrentDictionary<(string Stage, string Business), double> _latencyMs = new();

    private int _mostSurging;

    public void Produced(string businessId) => _producedAt[businessId] = Stopwatch.GetTimestamp();

    /// <summary>The most businesses a publication said were surging: when more than the leaderboard keeps, a probe
    /// can be outranked rather than late.</summary>
    public int MostSurging => Volatile.Read(ref _mostSurging);

    /// <summary>Forgets the most surging so far: a scenario's warm-up does not count against its probes.</summary>
    public void ResetMostSurging() => Volatile.Write(ref _mostSurging, 0);

    public void Surging(int count)
    {
        for (var seen = MostSurging; count > seen; seen = MostSurging)
            if (Interlocked.CompareExchange(ref _mostSurging, count, seen) == seen) return;
    }

    /// <summary>Called by a stage whenever it sees a business; only the first sighting after production counts.</summary>
    public void Seen(string stage, string businessId)
    {
        if (!_producedAt.TryGetValue(businessId, out var at)) return;
        _latencyMs.TryAdd((stage, businessId), Stopwatch.GetElapsedTime(at).TotalMilliseconds);
    }

    public FreshnessStage Summarise(string stage)
    {
        var samples = _latencyMs.Where(kv => kv.Key.Stage == stage).Select(kv => kv.Value).Order().ToArray();
        var missed = _producedAt.Count - samples.Length;
        if (samples.Length == 0) return new FreshnessStage(stage, 0, missed, 0, 0, 0);
        return new FreshnessStage(stage, samples.Length, missed, Percentile(samples, 0.50), Percentile(samples, 0.99), samples[^1]);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <param name="Missed">Probes produced but never seen at this stage before the run ended.</param>
public sealed record FreshnessStage(string Stage, int Samples, int Missed, double P50Ms, double P99Ms, double MaxMs);

/// <param name="MostSurging">The most businesses surging at once, from the leaderboard's publications.</param>
/// <param name="LeaderboardSize">How many of them the leaderboard ranks (a probe outside them is never shown).</param>
/// <param name="LostRecords">Offsets the node's ingest had to jump over (the embedded broker dropped them before they
/// were read): baselines learned from a stream with holes; 0 when the node kept up.</param>
public sealed record FreshnessResult(double OfferedRate, double ConsumedRate, double ProbeBurst, IReadOnlyList<FreshnessStage> Stages,
    int MostSurging, int LeaderboardSize, long LostRecords);
