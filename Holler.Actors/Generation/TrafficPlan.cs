using Holler.Domain.Catalog;

namespace Holler.Generation;

/// <summary>
/// The traffic to generate, fixed by its settings: baseline arrivals spread over businesses by Zipf
/// popularity, scaled by the daily rhythm, plus surges on a schedule. Events come from
/// <see cref="CreateCursor"/>; the surges are the ground truth. Pure: no Kafka, no wall clock.
/// </summary>
public sealed class TrafficPlan
{
    // Independent random streams, so changing how one part draws never shifts another.
    internal const ulong BaselineStream = 1;
    internal const ulong SurgeStream = 2;
    internal const ulong RankStream = 3;
    internal const ulong FocusStream = 4;
    internal const ulong ErrorBurstStream = 5;

    public const double SurgeRankFrom = 0.01;
    public const double SurgeRankTo = 0.30;

    private readonly int[] _businessAtRank;
    private readonly int[] _rankOfBusiness;
    private readonly List<PlannedSurge> _surges = [];
    private readonly HashSet<int> _usedSurgeRanks = [];
    private readonly DeterministicRandom _surgeRandom;
    private readonly Lock _surgeLock = new();
    private readonly List<PlannedErrorBurst> _bursts = [];

    public TrafficPlan(GeneratorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        Catalog = settings.Businesses ?? BusinessCatalog.Synthetic(settings.BusinessCount, settings.Seed);
        StartMs = settings.StartMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        EndMs = settings.DurationMs is { } duration ? StartMs + duration : null;
        MaxEvents = settings.Count;
        Popularity = new ZipfSampler(Catalog.Count, settings.ZipfExponent);

        // Popularity is shuffled against catalog order, so the busiest businesses are not simply the first ones.
        var n = Catalog.Count;
        _businessAtRank = new int[n];
        _rankOfBusiness = new int[n];
        for (var i = 0; i < n; i++) _businessAtRank[i] = i;
        var shuffle = new DeterministicRandom(settings.Seed, RankStream);
        for (var i = n - 1; i > 0; i--)
        {
            var j = shuffle.NextInt(i + 1);
            (_businessAtRank[i], _businessAtRank[j]) = (_businessAtRank[j], _businessAtRank[i]);
        }
        for (var rank = 0; rank < n; rank++) _rankOfBusiness[_businessAtRank[rank]] = rank;

        SurgeMinRank = (int)Math.Floor(n * SurgeRankFrom);
        SurgeMaxRank = Math.Max(SurgeMinRank, (int)Math.Ceiling(n * SurgeRankTo) - 1);
        _surgeRandom = new DeterministicRandom(settings.Seed, SurgeStream);
    }

    public GeneratorSettings Settings { get; }

    public BusinessCatalog Catalog { get; }

    public long StartMs { get; }

    /// <summary>Exclusive event-time end, when the plan has a duration.</summary>
    public long? EndMs { get; }

    public long? MaxEvents { get; }

    public ZipfSampler Popularity { get; }

    /// <summary>Surge businesses come from these popularity ranks (inclusive): popular enough to have a baseline, not the giants.</summary>
    public int SurgeMinRank { get; }

    public int SurgeMaxRank { get; }

    public bool HasSurges => Settings.SurgeEvery > TimeSpan.Zero;

    public int BusinessAtRank(int rank) => _businessAtRank[rank];

    public int RankOf(int businessIndex) => _rankOfBusiness[businessIndex];

    public double DayFactor(long eventTimeMs) => Settings.DailyRhythm ? DayRhythm.Factor(eventTimeMs, Settings.WeeklyRhythm) : 1.0;

    /// <summary>Baseline events per second over all businesses at this event time.</summary>
    public double RateAt(long eventTimeMs) => Settings.EventsPerSecond * DayFactor(eventTimeMs);

    /// <summary>A business's baseline events per second at this event time (surges not included).</summary>
    public double NormalRate(int businessIndex, long eventTimeMs) =>
        RateAt(eventTimeMs) * Popularity.Probability(_rankOfBusiness[businessIndex]);

    public long SurgeStartMs(int number) =>
        StartMs + (long)Settings.FirstSurgeAfter.TotalMilliseconds + number * (long)Settings.SurgeEvery.TotalMilliseconds;

    /// <summary>
    /// Surge number <paramref name="number"/> of the (endless) schedule, planned on first request. Each
    /// depends on the ones before it (businesses are kept distinct), so they are planned in order.
    /// </summary>
    public PlannedSurge Surge(int number)
    {
        if (!HasSurges) throw new InvalidOperationException("surges are turned off (SurgeEvery is zero)");
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        lock (_surgeLock)
        {
            while (_surges.Count <= number) _surges.Add(PlanSurge(_surges.Count));
            return _surges[number];
        }
    }

    /// <summary>Surges whose start lies in [StartMs, endMs) — those a run that reached <paramref name="endMs"/> has begun.</summary>
    public IReadOnlyList<PlannedSurge> SurgesStartingBefore(long endMs)
    {
        var result = new List<PlannedSurge>();
        if (!HasSurges) return result;
        for (var k = 0; SurgeStartMs(k) < endMs; k++) result.Add(Surge(k));
        return result;
    }

    /// <summary>All surges of a plan with a duration.</summary>
    /// <exception cref="InvalidOperationException">The plan has no duration, so its surges are endless.</exception>
    public IReadOnlyList<PlannedSurge> Surges =>
        EndMs is { } end ? SurgesStartingBefore(end) : throw new InvalidOperationException("a plan without DurationMs has endless surges; use SurgesStartingBefore");

    public TrafficCursor CreateCursor() => new(this);

    private PlannedSurge PlanSurge(int number)
    {
        var start = SurgeStartMs(number);
        var durationMs = (long)Settings.SurgeDuration.TotalMilliseconds;
        var rank = PickSurgeRank(start);
        var business = _businessAtRank[rank];
        var magnitude = _surgeRandom.NextDouble(Settings.MinMagnitude, Settings.MaxMagnitude);
        var normal = NormalRate(business, start);
        var extra = Math.Max(magnitude * normal, Settings.MinExtraPerSecond);
        var extraEvents = (long)Math.Round(extra * durationMs / 1000.0);
        var (platform, path) = FocusOf(number, business);
        return new PlannedSurge(number, business, rank, start, start + durationMs, magnitude, normal, extra, extraEvents, platform, path);
    }

    /// <summary>The platform and page a surge is confined to. Drawn from a hash of the surge's number rather than the
    /// surge stream, so turning the focus on leaves every surge's business, time and size as they were.</summary>
    private (string? Platform, string? Path) FocusOf(int number, int business)
    {
        var h = DeterministicRandom.Mix((ulong)(uint)Settings.Seed ^ DeterministicRandom.Mix(FocusStream + (ulong)number));
        var focus = Settings.SurgeFocus;
        var platform = focus is SurgeFocus.Platform or SurgeFocus.PlatformAndPath
            ? EventJson.PlatformNames[(int)(h % (ulong)EventJson.PlatformNames.Length)]
            : null;
        var path = focus is SurgeFocus.Path or SurgeFocus.PlatformAndPath
            ? EventJson.PagePath(Catalog[business].Id, 1 + (int)((h >> 32) % (ulong)(EventJson.PageSuffixes.Length - 1)))
            : null;
        return (platform, path);
    }

    public bool HasErrorBursts => Settings.ErrorBurstEvery > TimeSpan.Zero;

    public long ErrorBurstStartMs(int number) =>
        StartMs + (long)Settings.FirstErrorBurstAfter.TotalMilliseconds + number * (long)Settings.ErrorBurstEvery.TotalMilliseconds;

    /// <summary>Error burst <paramref name="number"/> of the (endless) schedule: a business among the busiest 1%
    /// (at least the busiest), so its 5xx share has events enough to be measured minute by minute.</summary>
    public PlannedErrorBurst ErrorBurst(int number)
    {
        if (!HasErrorBursts) throw new InvalidOperationException("error bursts are turned off (ErrorBurstEvery is zero)");
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        lock (_surgeLock)
        {
            while (_bursts.Count <= number)
            {
                var k = _bursts.Count;
                var h = DeterministicRandom.Mix((ulong)(uint)Settings.Seed ^ DeterministicRandom.Mix(ErrorBurstStream + (ulong)k));
                var rank = (int)(h % (ulong)Math.Max(SurgeMinRank, 1));
                var start = ErrorBurstStartMs(k);
                _bursts.Add(new PlannedErrorBurst(k, _businessAtRank[rank], rank, start,
                    start + (long)Settings.ErrorBurstDuration.TotalMilliseconds, Settings.ErrorBurstShare));
            }
            return _bursts[number];
        }
    }

    /// <summary>Error bursts whose start lies before <paramref name="endMs"/>.</summary>
    public IReadOnlyList<PlannedErrorBurst> ErrorBurstsStartingBefore(long endMs)
    {
        var result = new List<PlannedErrorBurst>();
        if (!HasErrorBursts) return result;
        for (var k = 0; ErrorBurstStartMs(k) < endMs; k++) result.Add(ErrorBurst(k));
        return result;
    }

    /// <summary>This business's 5xx share at this event time: the usual one, or a running burst's.</summary>
    public double ErrorShareAt(int businessIndex, long eventTimeMs)
    {
        if (!HasErrorBursts) return Settings.ErrorShare;
        var every = (long)Settings.ErrorBurstEvery.TotalMilliseconds;
        var first = StartMs + (long)Settings.FirstErrorBurstAfter.TotalMilliseconds;
        if (eventTimeMs < first) return Settings.ErrorShare;
        // Bursts that can still run at this time: the latest one started and, if bursts outlast the interval, those before.
        for (var k = (int)Math.Min((eventTimeMs - first) / every, int.MaxValue); k >= 0; k--)
        {
            // Starts only grow and durations are equal: once one burst has ended, every earlier one has too.
            if (ErrorBurstStartMs(k) + (long)Settings.ErrorBurstDuration.TotalMilliseconds <= eventTimeMs) break;
            var burst = ErrorBurst(k);
            if (burst.BusinessIndex == businessIndex && burst.StartMs <= eventTimeMs) return burst.ErrorShare;
        }

        return Settings.ErrorShare;
    }

    /// <summary>What the fields of <paramref name="e"/> are pinned to: its surge's platform and page, an error burst's
    /// 5xx share.</summary>
    public EventShape ShapeOf(in GeneratedEvent e)
    {
        var shape = e.Surge >= 0 ? Surge(e.Surge).Shape : EventShape.Usual;
        return shape with { ErrorShare = ErrorShareAt(e.BusinessIndex, e.TimestampMs) };
    }

    /// <summary>
    /// Distinct from every earlier surge while the rank range lasts; after that only from the surges still
    /// running, so two overlapping surges never share a business and their truth stays separable.
    /// </summary>
    private int PickSurgeRank(long start)
    {
        var width = SurgeMaxRank - SurgeMinRank + 1;
        if (_usedSurgeRanks.Count >= width)
        {
            _usedSurgeRanks.Clear();
            foreach (var earlier in _surges)
                if (earlier.EndMs > start) _usedSurgeRanks.Add(earlier.Rank);
        }
        var offset = _surgeRandom.NextInt(width);
        for (var probe = 0; probe < width; probe++)
        {
            var rank = SurgeMinRank + (offset + probe) % width;
            if (_usedSurgeRanks.Add(rank)) return rank;
        }
        // Every rank in range is taken by a running surge (a tiny catalog): sharing beats not surging.
        return SurgeMinRank + offset;
    }
}
