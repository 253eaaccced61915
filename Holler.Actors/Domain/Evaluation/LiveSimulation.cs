using Holler.Domain.Detection;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;
using Holler.Generation;
using NodaTime;

namespace Holler.Domain.Evaluation;

/// <summary>
/// The live detector as the trackers run it, second by second: businesses from 1 to 1,000 events a minute
/// (log-uniform), in the generator's daily and weekly rhythm (US Central, weekends and holidays quieter), sharing one
/// learned rhythm as a category does in a shard. Each business gets, once a week at a random time, a surge of 3× for
/// 2–10 minutes and a drop to 30% for 10–30 minutes. Counted: episodes that start away from any injection (false
/// alarms, after a first day of learning), and injected surges found within 60 s and drops within 3 minutes.
/// </summary>
public static class LiveSimulation
{
    public sealed record Options(int Businesses = 1000, int Weeks = 4, int Seed = 1, DetectorSettings? Detector = null)
    {
        public DetectorSettings DetectorSettings => Detector ?? new DetectorSettings(Direction: DetectionDirection.Both);
    }

    /// <summary>Per rate band (events a minute): what was injected, found, and falsely raised.</summary>
    public sealed record Band(string Name, int Businesses, double BusinessWeeks, int Surges, int SurgesFound, int Drops, int DropsFound,
        int FalseSurges, int FalseDrops)
    {
        public double FalseSurgesPer100BusinessWeeks => BusinessWeeks == 0 ? 0 : 100 * FalseSurges / BusinessWeeks;
        public double FalseDropsPer100BusinessWeeks => BusinessWeeks == 0 ? 0 : 100 * FalseDrops / BusinessWeeks;
    }

    public static readonly (string Name, double From, double To)[] Bands = [("1-10/min", 1, 10), ("10-100/min", 10, 100), ("100-1000/min", 100, 1000.0001)];

    private const int Shards = 4;

    private static readonly long Start = new DateTimeOffset(2026, 2, 2, 6, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(); // a Monday

    public static IReadOnlyList<Band> Run(Options options, Action<int, int>? progress = null)
    {
        var detector = options.DetectorSettings;
        var baseline = BaselineSettings.Default;
        var seconds = options.Weeks * 7L * 86_400;
        var factors = new double[seconds / 60 + 2];
        for (var m = 0; m < factors.Length; m++) factors[m] = DayRhythm.Factor((Start + m * 60) * 1000);

        // Businesses in a few shards, each shard's sharing one learned rhythm as a category does live. A
        // shared rhythm makes a shard's businesses depend on each other, so they advance together, a minute at a time;
        // shards are independent, so they run in parallel with the same result on any number of cores.
        var states = new BusinessRun[options.Businesses];
        var shards = Enumerable.Range(0, Shards).Select(shard =>
        {
            var group = new SeasonGroup("simulated", baseline.ToModel(detector));
            var members = Enumerable.Range(0, options.Businesses).Where(b => b % Shards == shard).ToArray();
            foreach (var b in members)
            {
                group.Join();
                states[b] = new BusinessRun(options.Seed, b, options.Weeks, baseline, detector, group);
            }
            return members.Select(b => states[b]).ToArray();
        }).ToArray();
        var daysDone = 0;
        Parallel.ForEach(shards, shard =>
        {
            for (var minute = 0L; minute < seconds / 60; minute++)
            {
                foreach (var state in shard) state.RunMinute(minute, factors[minute]);
                if (minute % (24 * 60) == 24 * 60 - 1) progress?.Invoke(Interlocked.Increment(ref daysDone) / Shards, options.Weeks * 7);
            }
        });

        var bands = new List<Band>();
        foreach (var (name, from, to) in Bands)
        {
            var members = states.Where(s => s.PerMinute >= from && s.PerMinute < to).ToList();
            bands.Add(new Band(name, members.Count, members.Count * (options.Weeks - 1.0 / 7),
                members.Sum(s => s.Surges), members.Sum(s => s.SurgesFound), members.Sum(s => s.Drops), members.Sum(s => s.DropsFound),
                members.Sum(s => s.FalseSurges), members.Sum(s => s.FalseDrops)));
        }
        return bands;
    }

    private sealed class BusinessRun
    {
        private readonly Random _random;
        private readonly BusinessTraffic _traffic;
        private readonly List<(long Start, long End, bool Drop)> _injected = [];

        public BusinessRun(int seed, int index, int weeks, BaselineSettings baseline, DetectorSettings detector, SeasonGroup group)
        {
            // Not HashCode.Combine: it is seeded afresh in every process, and a run must be repeatable from its seed.
            _random = new Random(unchecked(seed * 1_000_003 + index));
            PerMinute = RandomDraws.LogUniform(_random, 1, 1000);
            _traffic = new BusinessTraffic(baseline, detector, group, DayRhythm.Audience);
            for (var week = 0; week < weeks; week++)
            {
                // Not in the first day, which is learning; the surge and the drop at least six hours apart.
                var weekStart = week * 7L * 86_400 + (week == 0 ? 86_400 : 0);
                var span = 7L * 86_400 - (week == 0 ? 86_400 : 0) - 7_200;
                var surge = weekStart + (long)(_random.NextDouble() * span);
                long drop;
                do drop = weekStart + (long)(_random.NextDouble() * span); while (Math.Abs(drop - surge) < 6 * 3600);
                _injected.Add((Start + surge, Start + surge + 120 + _random.Next(0, 481), false));
                _injected.Add((Start + drop, Start + drop + 600 + _random.Next(0, 1201), true));
            }
        }

        public double PerMinute { get; }
        public int Surges => _injected.Count(i => !i.Drop);
        public int Drops => _injected.Count(i => i.Drop);
        public int SurgesFound { get; private set; }
        public int DropsFound { get; private set; }
        public int FalseSurges { get; private set; }
        public int FalseDrops { get; private set; }

        private readonly HashSet<int> _found = [];

        public void RunMinute(long minute, double factor)
        {
            var from = Start + minute * 60;
            for (var second = from; second < from + 60; second++)
            {
                var multiplier = 1.0;
                foreach (var (start, end, drop) in _injected)
                    if (second >= start && second < end) multiplier = drop ? 0.3 : 3;
                var count = (int)RandomDraws.Poisson(_random, PerMinute / 60 * factor * multiplier);
                if (count > 0) _traffic.Record(second, count);
                else _traffic.AdvanceTo(second);
                if (_traffic.Evaluate() == SurgeTransition.Started) Judge(second, _traffic.Detector.IsDrop);
            }
        }

        private void Judge(long second, bool drop)
        {
            for (var i = 0; i < _injected.Count; i++)
            {
                var (start, end, isDrop) = _injected[i];
                if (isDrop != drop || second < start) continue;
                // An episode starting during an injection, or within the window's 60 s after it, is that injection's.
                if (second <= end + 60)
                {
                    if (_found.Add(i) && second - start <= (drop ? 180 : 60))
                    {
                        if (drop) DropsFound++;
                        else SurgesFound++;
                    }
                    return;
                }
            }
            if (second < Start + 86_400) return; // the first day is learning
            if (drop) FalseDrops++;
            else FalseSurges++;
        }
    }
}
