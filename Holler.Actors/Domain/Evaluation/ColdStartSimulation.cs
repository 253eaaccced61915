using Holler.Domain.Surges;
using Holler.Domain.Traffic;
using Holler.Domain.Detection;
using Holler.Generation;

namespace Holler.Domain.Evaluation;

/// <summary>
/// The first minutes of a node that starts cold, second by second as the trackers run them: every business and its
/// shared rhythm learning from nothing, in the generator's rhythm, with no surge injected, so every surge raised is
/// false. <see cref="LiveSimulation"/> leaves out each business's first day; this is that first day's first minutes.
/// Starts are spread evenly over a week (every hour of every day), because how fast the traffic is rising or falling
/// when the node starts is what a fresh level has not learned yet.
/// </summary>
public static class ColdStartSimulation
{
    /// <param name="Starts">Cold starts, evenly over a week from a Monday 00:00 in the generator's zone; the businesses
    /// are dealt out among them, each start's sharing one learned rhythm as a category does in a shard.</param>
    public sealed record Options(int Businesses = 100_000, int Minutes = 30, int Starts = 168, int Seed = 1, DetectorSettings? Detector = null)
    {
        public DetectorSettings DetectorSettings => Detector ?? DetectorSettings.Default;
    }

    /// <param name="Bands">Per rate band as <see cref="LiveSimulation"/> has them: business-weeks are the simulated
    /// minutes; no surges or drops are injected, so only the false ones count.</param>
    /// <param name="FalseSurgesByLocalHour">False surges by the local hour the node started at (0–23).</param>
    /// <param name="FalseSurgesByMinute">False surges by the minute after the start they began in.</param>
    public sealed record Result(IReadOnlyList<LiveSimulation.Band> Bands, int[] FalseSurgesByLocalHour, int[] FalseSurgesByMinute)
    {
        public double BusinessWeeks => Bands.Sum(b => b.BusinessWeeks);
        public int FalseSurges => Bands.Sum(b => b.FalseSurges);
        public int FalseDrops => Bands.Sum(b => b.FalseDrops);
        public double FalseSurgesPer100BusinessWeeks => BusinessWeeks == 0 ? 0 : 100 * FalseSurges / BusinessWeeks;
    }

    // Monday 2026-02-02 00:00 in US Central, the generator's audience (LiveSimulation starts there too).
    private static readonly long WeekStart = new DateTimeOffset(2026, 2, 2, 6, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    public static Result Run(Options options)
    {
        var detector = options.DetectorSettings;
        var baseline = BaselineSettings.Default;
        var runs = new BusinessStart[options.Businesses];
        var byStart = new int[options.Starts][];
        for (var s = 0; s < options.Starts; s++)
            byStart[s] = Enumerable.Range(0, options.Businesses).Where(b => b % options.Starts == s).ToArray();

        Parallel.For(0, options.Starts, s =>
        {
            var start = WeekStart + s * (7L * 86_400 / options.Starts);
            var group = new SeasonGroup("simulated", baseline.ToModel(detector));
            var members = byStart[s].Select(b =>
            {
                group.Join();
                return runs[b] = new BusinessStart(options.Seed, b, start, baseline, detector, group);
            }).ToArray();
            // A shared rhythm makes a start's businesses depend on each other: they advance together, a minute at a time.
            for (var minute = 0; minute < options.Minutes; minute++)
            {
                var factor = DayRhythm.Factor((start + minute * 60L) * 1000);
                foreach (var run in members) run.RunMinute(start + minute * 60L, factor);
            }
        });

        var weeksEach = options.Minutes / (7.0 * 24 * 60);
        var bands = LiveSimulation.Bands.Select(band =>
        {
            var members = runs.Where(r => r.PerMinute >= band.From && r.PerMinute < band.To).ToList();
            return new LiveSimulation.Band(band.Name, members.Count, members.Count * weeksEach, 0, 0, 0, 0,
                members.Sum(r => r.FalseSurges), members.Sum(r => r.FalseDrops));
        }).ToArray();
        var byHour = new int[24];
        var byMinute = new int[options.Minutes];
        foreach (var run in runs)
        {
            byHour[run.LocalStartHour] += run.FalseSurges;
            foreach (var minute in run.FalseSurgeMinutes) byMinute[minute]++;
        }
        return new Result(bands, byHour, byMinute);
    }

    private sealed class BusinessStart
    {
        private readonly Random _random;
        private readonly BusinessTraffic _traffic;

        public BusinessStart(int seed, int index, long start, BaselineSettings baseline, DetectorSettings detector, SeasonGroup group)
        {
            // Not HashCode.Combine: it is seeded afresh in every process, and a run must be repeatable from its seed.
            _random = new Random(unchecked(seed * 1_000_003 + index));
            PerMinute = RandomDraws.LogUniform(_random, 1, 1000);
            _traffic = new BusinessTraffic(baseline, detector, group, DayRhythm.Audience);
            // As ingest tells a tracker: the stream has been watched since the node started, quiet seconds included.
            _traffic.ObservedSince(start);
            LocalStartHour = (int)(((start - WeekStart) / 3600) % 24);
            _start = start;
        }

        private readonly long _start;

        public double PerMinute { get; }
        public int LocalStartHour { get; }
        public int FalseSurges => FalseSurgeMinutes.Count;
        public int FalseDrops { get; private set; }
        public List<int> FalseSurgeMinutes { get; } = [];

        public void RunMinute(long from, double factor)
        {
            for (var second = from; second < from + 60; second++)
            {
                var count = (int)RandomDraws.Poisson(_random, PerMinute / 60 * factor);
                if (count > 0) _traffic.Record(second, count);
                else _traffic.AdvanceTo(second);
                if (_traffic.Evaluate() != SurgeTransition.Started) continue;
                if (_traffic.Detector.IsDrop) FalseDrops++;
                else FalseSurgeMinutes.Add((int)((second - _start) / 60));
            }
        }
    }
}
