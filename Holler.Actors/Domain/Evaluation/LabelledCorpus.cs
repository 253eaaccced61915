namespace Holler.Domain.Evaluation;

/// <summary>
/// The evaluation corpus: synthetic series a detector has never seen, generated from a seed (same seed, same corpus,
/// row for row) with their anomalies labelled. Categories, each several series of different rates, zones and shapes:
/// <list type="bullet">
/// <item><c>steady</c>: seasonal Poisson counts, no anomalies (pure false-alarm measurement);</item>
/// <item><c>bursty</c>: overdispersed counts with short unlabelled bursts that are normal for them;</item>
/// <item><c>surge</c>: sudden 3×, 10×, 100× for 2–60 min, 20-minute ramps to 5×, 2-minute spikes of 3–10×;</item>
/// <item><c>drop</c>: to 0 or to 30% for 10–60 min;</item>
/// <item><c>level-shift</c>: a lasting step ×2 or ×0.5, labelled at the step;</item>
/// <item><c>dst-holiday</c>: local-time timestamps across DST changes, and US holidays that look like a Sunday; unlabelled;</item>
/// <item><c>gauge</c>: CPU-like utilisation with spikes to ~1 and drops, latency with spikes;</item>
/// <item><c>messy</c>: duplicated rows, a clock stepping back 55 minutes, negative values, long runs of zeros.</item>
/// </list>
/// Seasonality is in each series' local time zone (with its DST); timestamps are UTC except in the local-time series.
/// No anomaly falls in the first day, which the scorer treats as probation.
/// </summary>
public static class LabelledCorpus
{
    public static readonly TimeSpan Probation = TimeSpan.FromDays(1);

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    private static readonly string[] Zones =
        ["America/New_York", "Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo", "Europe/London", "Australia/Sydney", "America/Chicago", "UTC"];

    // Some starts straddle a DST change in the northern or southern hemisphere, so UTC-stamped seasonality moves by an hour mid-series.
    private static readonly DateTime[] Starts =
    [
        new(2024, 3, 4), new(2024, 10, 21), new(2024, 1, 8), new(2024, 6, 3),
        new(2024, 3, 25), new(2024, 9, 9), new(2024, 4, 1), new(2024, 10, 28),
    ];

    /// <summary>The whole corpus, generated lazily one series at a time.</summary>
    public static IEnumerable<LabelledSeries> Generate(int seed, CorpusOptions options) => Plan(seed, options).Select(e => e.Build());

    /// <summary>Every series' name and category, with how to build it.</summary>
    public static IReadOnlyList<CorpusEntry> Plan(int seed, CorpusOptions options)
    {
        var problem = options.Validate().FirstOrDefault();
        if (problem is not null) throw new ArgumentException(problem, nameof(options));
        var entries = new List<CorpusEntry>();
        void Add(string category, string name, Func<int, LabelledSeries> build)
        {
            var seriesSeed = unchecked(seed * 1_000_003 + entries.Count * 7_919 + 1);
            entries.Add(new CorpusEntry(name, category, () => build(seriesSeed)));
        }

        var weeks = options.Weeks;
        Steady(weeks, Add);
        Bursty(weeks, Add);
        Surges(weeks, Add);
        Drops(weeks, Add);
        LevelShifts(weeks, Add);
        DstAndHolidays(weeks, Add);
        Gauges(weeks, Add);
        Messy(weeks, Add);
        return entries;
    }

    private delegate void Adder(string category, string name, Func<int, LabelledSeries> build);

    private static SeriesSpec Spec(string category, string name, int seed, int weeks, string zone, DateTime localStart, TimeSpan interval, SeriesKind kind = SeriesKind.Count) =>
        new(name, category, seed, TimeZoneInfo.FindSystemTimeZoneById(zone), localStart, interval, (int)(weeks * TimeSpan.FromDays(7) / interval), kind);

    /// <summary><paramref name="count"/> rates spread evenly on a log scale from <paramref name="low"/> to <paramref name="high"/>.</summary>
    private static double Rate(int i, int count, double low, double high) =>
        Math.Round(low * Math.Pow(high / low, count == 1 ? 0 : (double)i / (count - 1)), 2);

    private static int PerSeries(double perWeek, int weeks) => Math.Max(1, (int)Math.Round(perWeek * weeks));

    private static List<InjectedChange> Spread(SeriesSpec spec, int count, Func<Random, DateTimeOffset, InjectedChange> make, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        AnomalyPlacement.Spread(new Random(spec.Seed), spec.StartUtc, spec.Interval, from ?? spec.StartUtc + Probation, to ?? spec.EndUtc, count, make);

    private static TimeSpan Minutes(Random random, int low, int high) => TimeSpan.FromMinutes(random.Next(low, high + 1));

    private static void Steady(int weeks, Adder add)
    {
        for (var i = 0; i < 12; i++)
        {
            var interval = i < 6 ? Minute : FiveMinutes;
            var rate = Rate(i % 6, 6, 1, 1000);
            var profile = SeasonalProfile.All[i % 4];
            var zone = Zones[i % Zones.Length];
            var start = Starts[i % Starts.Length];
            var name = $"{profile.Name}-{rate:0.##}pm-{interval.TotalMinutes:0}m-{i}";
            add("steady", name, seed => SeriesBuilder.Counts(Spec("steady", name, seed, weeks, zone, start, interval), rate, profile, []));
        }
    }

    private static void Bursty(int weeks, Adder add)
    {
        for (var i = 0; i < 8; i++)
        {
            var rate = Rate(i, 8, 3, 1000);
            var shape = new[] { 3.0, 8, 20, 50 }[i % 4];
            var profile = SeasonalProfile.All[(i + 1) % 4];
            var zone = Zones[(i + 2) % Zones.Length];
            var start = Starts[(i + 3) % Starts.Length];
            var name = $"bursty-k{shape:0}-{rate:0.##}pm-{i}";
            add("bursty", name, seed =>
            {
                var spec = Spec("bursty", name, seed, weeks, zone, start, Minute);
                // Three short bursts a day, anywhere: they are how this series normally behaves.
                var bursts = Spread(spec, 3 * 7 * weeks, (r, at) => InjectedChange.Sudden(at, Minutes(r, 1, 5), RandomDraws.Uniform(r, 1.5, 3), label: null), spec.StartUtc);
                return SeriesBuilder.Counts(spec, rate, profile, bursts, dispersion: shape);
            });
        }
    }

    private static void Surges(int weeks, Adder add)
    {
        for (var i = 0; i < 20; i++)
        {
            var interval = i < 16 ? Minute : FiveMinutes;
            var rate = Rate(i % 10, 10, 2, 1000);
            var profile = SeasonalProfile.All[i % 4];
            var zone = Zones[(i + 1) % Zones.Length];
            var start = Starts[(i + 5) % Starts.Length];
            var name = $"surge-{profile.Name}-{rate:0.##}pm-{interval.TotalMinutes:0}m-{i}";
            add("surge", name, seed =>
            {
                var spec = Spec("surge", name, seed, weeks, zone, start, interval);
                return SeriesBuilder.Counts(spec, rate, profile, Spread(spec, PerSeries(3, weeks), Surge));
            });
        }
    }

    private static InjectedChange Surge(Random random, DateTimeOffset at)
    {
        var pick = random.NextDouble();
        return pick switch
        {
            < 0.2 => InjectedChange.Sudden(at, Minutes(random, 2, 60), 3),
            < 0.4 => InjectedChange.Sudden(at, Minutes(random, 2, 60), 10),
            < 0.5 => InjectedChange.Sudden(at, Minutes(random, 2, 60), 100),
            < 0.75 => InjectedChange.Ramp(at, TimeSpan.FromMinutes(20), Minutes(random, 10, 40), 5),
            _ => InjectedChange.Sudden(at, TimeSpan.FromMinutes(2), Math.Round(RandomDraws.Uniform(random, 3, 10), 1)),
        };
    }

    private static void Drops(int weeks, Adder add)
    {
        for (var i = 0; i < 10; i++)
        {
            var interval = i < 6 ? Minute : FiveMinutes;
            var rate = Rate(i % 5, 5, 3, 1000);
            var profile = SeasonalProfile.All[(i + 2) % 4];
            var zone = Zones[(i + 3) % Zones.Length];
            var start = Starts[(i + 1) % Starts.Length];
            var name = $"drop-{profile.Name}-{rate:0.##}pm-{interval.TotalMinutes:0}m-{i}";
            add("drop", name, seed =>
            {
                var spec = Spec("drop", name, seed, weeks, zone, start, interval);
                var drops = Spread(spec, PerSeries(2, weeks), (r, at) => InjectedChange.Drop(at, Minutes(r, 10, 60), r.NextDouble() < 0.5 ? 0 : 0.3));
                return SeriesBuilder.Counts(spec, rate, profile, drops);
            });
        }
    }

    private static void LevelShifts(int weeks, Adder add)
    {
        for (var i = 0; i < 8; i++)
        {
            var rate = Rate(i, 8, 3, 1000);
            var factor = i % 2 == 0 ? 2 : 0.5;
            var profile = SeasonalProfile.All[(i + 3) % 4];
            var zone = Zones[(i + 4) % Zones.Length];
            var start = Starts[(i + 2) % Starts.Length];
            var name = $"shift-x{factor:0.#}-{profile.Name}-{rate:0.##}pm-{i}";
            add("level-shift", name, seed =>
            {
                var spec = Spec("level-shift", name, seed, weeks, zone, start, Minute);
                var span = spec.EndUtc - spec.StartUtc;
                var shift = Spread(spec, 1, (_, at) => InjectedChange.Shift(at, factor), spec.StartUtc + 0.35 * span, spec.StartUtc + 0.65 * span);
                return SeriesBuilder.Counts(spec, rate, profile, shift);
            });
        }
    }

    private static void DstAndHolidays(int weeks, Adder add)
    {
        // Local-time files around each DST change, starting four days before it so even a one-week corpus has it.
        (string Name, string Zone, DateTime Start, TimeSpan Interval, SeasonalProfile Profile, double Rate)[] local =
        [
            ("ny-fall-back-local-1m", "America/New_York", new(2024, 10, 30), Minute, SeasonalProfile.Evening, 120),
            ("berlin-fall-back-local-5m", "Europe/Berlin", new(2024, 10, 23), FiveMinutes, SeasonalProfile.Office, 400),
            ("ny-spring-forward-local-1m", "America/New_York", new(2024, 3, 6), Minute, SeasonalProfile.Restaurant, 60),
            ("london-spring-forward-local-5m", "Europe/London", new(2024, 3, 27), FiveMinutes, SeasonalProfile.Broad, 250),
        ];
        foreach (var s in local)
            add("dst-holiday", s.Name, seed =>
                SeriesBuilder.Counts(Spec("dst-holiday", s.Name, seed, weeks, s.Zone, s.Start, s.Interval) with { LocalTimestamps = true }, s.Rate, s.Profile, []));

        // Holidays fall on a weekday five or six days in, after the probation day and within a one-week corpus.
        (string Name, string Zone, DateTime Start, TimeSpan Interval, SeasonalProfile Profile, double Rate)[] holidays =
        [
            ("ny-thanksgiving-office-1m", "America/New_York", new(2024, 11, 22), Minute, SeasonalProfile.Office, 200),
            ("ny-christmas-restaurant-1m", "America/New_York", new(2024, 12, 20), Minute, SeasonalProfile.Restaurant, 80),
            ("chicago-july4-office-1m", "America/Chicago", new(2024, 6, 29), Minute, SeasonalProfile.Office, 500),
            ("la-memorial-day-office-5m", "America/Los_Angeles", new(2024, 5, 22), FiveMinutes, SeasonalProfile.Office, 150),
        ];
        foreach (var s in holidays)
            add("dst-holiday", s.Name, seed =>
                SeriesBuilder.Counts(Spec("dst-holiday", s.Name, seed, weeks, s.Zone, s.Start, s.Interval), s.Rate, s.Profile, [], UsHolidays.All));
    }

    private static void Gauges(int weeks, Adder add)
    {
        for (var i = 0; i < 6; i++)
        {
            var level = 0.15 + 0.06 * i;
            var noise = 0.02 + 0.006 * i;
            var profile = SeasonalProfile.All[i % 4];
            var zone = Zones[(i + 5) % Zones.Length];
            var start = Starts[(i + 4) % Starts.Length];
            var name = $"cpu-{profile.Name}-{level:0.00}-{i}";
            add("gauge", name, seed =>
            {
                var spec = Spec("gauge", name, seed, weeks, zone, start, Minute, SeriesKind.Gauge);
                var changes = Spread(spec, PerSeries(3, weeks), (r, at) => r.NextDouble() < 2.0 / 3
                    ? new InjectedChange(at, Minutes(r, 5, 30), AnomalyKind.Surge, "cpu pinned near 1", (_, _, rr) => 0.96 + 0.04 * rr.NextDouble())
                    : new InjectedChange(at, Minutes(r, 10, 40), AnomalyKind.Drop, "cpu idle (service down)", (_, _, rr) => 0.005 + 0.01 * rr.NextDouble()));
                var wander = 0.0;
                return SeriesBuilder.Gauge(spec, changes, (random, local) =>
                {
                    wander = 0.8 * wander + noise * RandomDraws.Gaussian(random);
                    return Math.Round(Math.Clamp(level * (0.5 + 0.5 * profile.Factor(local)) + wander, 0.005, 1), 4);
                });
            });
        }
        for (var i = 0; i < 6; i++)
        {
            var median = Math.Round(Rate(i, 6, 20, 200));
            var profile = SeasonalProfile.All[(i + 1) % 4];
            var zone = Zones[(i + 6) % Zones.Length];
            var start = Starts[(i + 6) % Starts.Length];
            var name = $"latency-{profile.Name}-{median:0}ms-{i}";
            add("gauge", name, seed =>
            {
                var spec = Spec("gauge", name, seed, weeks, zone, start, Minute, SeriesKind.Gauge);
                var changes = Spread(spec, PerSeries(3, weeks), (r, at) =>
                {
                    var factor = Math.Round(RandomDraws.Uniform(r, 5, 20), 1);
                    return new InjectedChange(at, Minutes(r, 5, 30), AnomalyKind.Surge, $"latency x{factor}", (_, value, _) => value * factor);
                });
                return SeriesBuilder.Gauge(spec, changes, (random, local) =>
                {
                    var value = median * (0.8 + 0.2 * profile.Factor(local)) * Math.Exp(0.25 * RandomDraws.Gaussian(random));
                    // One sample in a hundred is a slow request: heavy tails are normal for latency.
                    if (random.NextDouble() < 0.01) value *= 3;
                    return Math.Round(value, 1);
                });
            });
        }
    }

    private static void Messy(int weeks, Adder add)
    {
        var surgesPerWeek = 1.5;
        foreach (var (name, rate) in new[] { ("duplicated-rows-30pm", 30.0), ("duplicated-rows-300pm", 300.0) })
            add("messy", name, seed =>
            {
                var spec = Spec("messy", name, seed, weeks, "America/New_York", new DateTime(2024, 5, 6), Minute) with { DuplicateProbability = 0.003 };
                return SeriesBuilder.Counts(spec, rate, SeasonalProfile.Evening, Spread(spec, PerSeries(surgesPerWeek, weeks), Surge));
            });

        add("messy", "clock-back-55m-100pm", seed =>
        {
            var spec = Spec("messy", "clock-back-55m-100pm", seed, weeks, "Europe/Berlin", new DateTime(2024, 2, 12), Minute);
            var jump = spec.StartUtc + TimeSpan.FromHours(36);
            spec = spec with { ClockJump = (jump, TimeSpan.FromMinutes(55)) };
            // Anomalies only well after the jump, so no window covers a stretch of clock time that was written twice.
            return SeriesBuilder.Counts(spec, 100, SeasonalProfile.Restaurant, Spread(spec, PerSeries(surgesPerWeek, weeks), Surge, jump + TimeSpan.FromHours(4)));
        });

        add("messy", "temperature-delta", seed =>
        {
            var spec = Spec("messy", "temperature-delta", seed, weeks, "Europe/London", new DateTime(2024, 7, 1), Minute, SeriesKind.Gauge);
            var changes = Spread(spec, PerSeries(surgesPerWeek, weeks), (r, at) => r.NextDouble() < 0.5
                ? new InjectedChange(at, Minutes(r, 10, 30), AnomalyKind.Surge, "+8 degrees", (_, value, _) => value + 8)
                : new InjectedChange(at, Minutes(r, 10, 30), AnomalyKind.Drop, "-8 degrees", (_, value, _) => value - 8));
            var wander = 0.0;
            return SeriesBuilder.Gauge(spec, changes, (random, local) =>
            {
                wander = 0.9 * wander + 0.3 * RandomDraws.Gaussian(random);
                return Math.Round(4 * Math.Cos(2 * Math.PI * (local.TimeOfDay.TotalHours - 15) / 24) + wander, 2);
            });
        });

        foreach (var (name, rate) in new[] { ("zero-runs-0.1pm", 0.1), ("zero-runs-0.5pm", 0.5) })
            add("messy", name, seed =>
            {
                var spec = Spec("messy", name, seed, weeks, "America/Los_Angeles", new DateTime(2024, 8, 5), Minute);
                // Alternate: an unlabelled outage of 3–8 hours (the feed is simply off), then a labelled ×20 surge.
                var next = 0;
                var changes = Spread(spec, 2 * PerSeries(surgesPerWeek, weeks), (r, at) => next++ % 2 == 0
                    ? InjectedChange.Sudden(at, Minutes(r, 180, 480), 0, label: null)
                    : InjectedChange.Sudden(at, Minutes(r, 10, 30), 20));
                return SeriesBuilder.Counts(spec, rate, SeasonalProfile.Evening, changes);
            });
    }
}
