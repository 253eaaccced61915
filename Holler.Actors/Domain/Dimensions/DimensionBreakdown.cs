namespace Holler.Domain.Dimensions;

/// <summary>
/// One business's traffic by platform, status class, path, referrer and region, now and usually. "Now" and "usually"
/// are exponentially decayed weights with mean lifetimes of 60 s (<see cref="FastSeconds"/>) and 1 h
/// (<see cref="SlowSeconds"/>): shares of the last minute or so and of the last hour or so, kept in a few hundred
/// bytes without buckets. Platforms and status classes are counted exactly; paths, referrers and regions by
/// <see cref="SpaceSaving{T}"/> sketches of <see cref="TopK"/> values. Event time only moves forward here: an
/// event older than the newest second seen counts as of that second. See docs/dimensions.md.
/// </summary>
public sealed class DimensionBreakdown
{
    public const double FastSeconds = 60;
    public const double SlowSeconds = 3_600;

    /// <summary>Values kept per sketched dimension: every value above 1/8 of the traffic is among them.</summary>
    public const int TopK = 8;

    /// <summary>A driver's share must have grown by at least this much (in share points) to be named.</summary>
    public const double MinGrowth = 0.10;

    private readonly double[] _platformFast = new double[PlatformNames.Count];
    private readonly double[] _platformSlow = new double[PlatformNames.Count];
    private readonly double[] _statusFast = new double[StatusClasses.Count];
    private readonly double[] _statusSlow = new double[StatusClasses.Count];
    private readonly SpaceSaving<string> _paths = new(TopK);
    private readonly SpaceSaving<string> _referrers = new(TopK);
    private readonly SpaceSaving<string> _regions = new(TopK);
    private double _fastTotal;
    private double _slowTotal;
    private long _second = long.MinValue;

    /// <param name="learn">False while the business surges: its events count now but do not teach "usually", or a
    /// surge on one platform would within minutes be that platform's usual share and name no driver at all.</param>
    public void Add(long second, Platform platform, StatusClass status, string? path, string? referrer, string? region,
        bool learn = true)
    {
        Advance(second);
        var slow = learn ? 1 : 0;
        _fastTotal++;
        _slowTotal += slow;
        _platformFast[(int)platform]++;
        _platformSlow[(int)platform] += slow;
        _statusFast[(int)status]++;
        _statusSlow[(int)status] += slow;
        if (path is not null) _paths.Add(path, 1, learn);
        if (referrer is not null) _referrers.Add(referrer, 1, learn);
        if (region is not null) _regions.Add(region, 1, learn);
    }

    /// <summary>Lets the weights decay to <paramref name="second"/>, e.g. before reading a quiet business.</summary>
    public void Advance(long second)
    {
        if (second <= _second) return;
        if (_second == long.MinValue)
        {
            _second = second;
            return;
        }

        var elapsed = second - _second;
        _second = second;
        var fast = Math.Exp(-elapsed / FastSeconds);
        var slow = Math.Exp(-elapsed / SlowSeconds);
        _fastTotal *= fast;
        _slowTotal *= slow;
        for (var i = 0; i < _platformFast.Length; i++) { _platformFast[i] *= fast; _platformSlow[i] *= slow; }
        for (var i = 0; i < _statusFast.Length; i++) { _statusFast[i] *= fast; _statusSlow[i] *= slow; }
        _paths.Decay(fast, slow);
        _referrers.Decay(fast, slow);
        _regions.Decay(fast, slow);
    }

    /// <summary>Share of 5xx among responses with a status, now and usually (0 when there were none).</summary>
    public (double Now, double Usually) ErrorShare()
    {
        var (errorsNow, knownNow, errorsUsually, knownUsually) = ErrorCounts();
        return (knownNow > 0 ? errorsNow / knownNow : 0, knownUsually > 0 ? errorsUsually / knownUsually : 0);
    }

    /// <summary>5xx responses and responses with a status, as decayed weights now (about the last minute) and usually
    /// (about the last hour). An error surge is scored against the usual part (its "now" is the hard 60 s window of
    /// <see cref="StatusWindow"/>), with the counts, not only the share, as evidence.</summary>
    public (double ErrorsNow, double KnownNow, double ErrorsUsually, double KnownUsually) ErrorCounts()
    {
        static double Known(double[] counts)
        {
            var known = 0.0;
            for (var i = 1; i < counts.Length; i++) known += counts[i];
            return known;
        }

        var errors = (int)StatusClass.ServerError;
        return (_statusFast[errors], Known(_statusFast), _statusSlow[errors], Known(_statusSlow));
    }

    /// <summary>Every tracked value with its share now and usually, by dimension, largest share now first.</summary>
    public IReadOnlyList<Driver> Breakdown(Dimension dimension)
    {
        var list = new List<Driver>();
        switch (dimension)
        {
            case Dimension.Platform:
                for (var i = 0; i < _platformFast.Length; i++)
                    Add(list, dimension, ((Platform)i).Name(), _platformFast[i], _platformSlow[i]);
                break;
            case Dimension.Status:
                for (var i = 0; i < _statusFast.Length; i++)
                    Add(list, dimension, ((StatusClass)i).Name(), _statusFast[i], _statusSlow[i]);
                break;
            default:
                var sketch = Sketch(dimension);
                foreach (var e in sketch.Entries)
                    // The guaranteed part of the count: a newcomer's inherited overestimate is not evidence of growth.
                    Add(list, dimension, e.Value, e.Count - e.Error, e.Slow);
                break;
        }

        list.Sort((a, b) => b.Share.CompareTo(a.Share));
        return list;
    }

    /// <summary>A baseline of fewer events (decayed weight) than this names no drivers: a business that got its
    /// breakdown as its surge began has learned nothing "usual" yet (learning pauses during a surge), and every value
    /// it has would read "normally 0%".</summary>
    public const double MinBaselineEvents = 30;

    /// <summary>The values whose share grew most against the baseline, at most <paramref name="max"/>, each by at
    /// least <see cref="MinGrowth"/>; none while the baseline holds under <see cref="MinBaselineEvents"/>.</summary>
    public IReadOnlyList<Driver> Drivers(int max = 3)
    {
        if (_slowTotal < MinBaselineEvents) return [];
        var all = new List<Driver>();
        foreach (var dimension in Enum.GetValues<Dimension>())
            foreach (var d in Breakdown(dimension))
                if (d.Growth >= MinGrowth) all.Add(d);
        all.Sort((a, b) => b.Growth.CompareTo(a.Growth));
        return all.Count > max ? all[..max] : all;
    }

    private void Add(List<Driver> list, Dimension dimension, string value, double fast, double slow)
    {
        if (fast <= 0 && slow <= 0) return;
        list.Add(new Driver(dimension, value, _fastTotal > 0 ? fast / _fastTotal : 0, _slowTotal > 0 ? slow / _slowTotal : 0));
    }

    private SpaceSaving<string> Sketch(Dimension dimension) => dimension switch
    {
        Dimension.Path => _paths,
        Dimension.Referrer => _referrers,
        Dimension.Region => _regions,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "not a sketched dimension"),
    };
}
