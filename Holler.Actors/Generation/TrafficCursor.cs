using Holler.Domain.Catalog;

namespace Holler.Generation;

/// <summary>
/// Walks a <see cref="TrafficPlan"/> in event-time order without allocating per event: baseline arrivals
/// (exponential gaps, businesses by Zipf popularity) merged with the evenly spaced extra events of the
/// surges running at the time. Two cursors of one plan yield identical sequences. Not thread-safe.
/// </summary>
public sealed class TrafficCursor
{
    private const double MsPerSecond = 1000.0;

    private readonly TrafficPlan _plan;
    private readonly DeterministicRandom _random;
    private readonly ZipfSampler _popularity;
    private readonly long _endMs;
    private readonly long _maxEvents;
    private readonly double _eventsPerSecond;

    private double _nextBaselineMs;
    // The daily factor is re-read once per event-time second: cosines per event would dominate the cost.
    private long _rateSecond = long.MinValue;
    private double _meanGapMs;

    private ActiveSurge[] _active = new ActiveSurge[4];
    private int _activeCount;
    private int _nextSurgeNumber;
    private long _nextSurgeStartMs;

    internal TrafficCursor(TrafficPlan plan)
    {
        _plan = plan;
        _random = new DeterministicRandom(plan.Settings.Seed, TrafficPlan.BaselineStream);
        _popularity = plan.Popularity;
        _endMs = plan.EndMs ?? long.MaxValue;
        _maxEvents = plan.MaxEvents ?? long.MaxValue;
        _eventsPerSecond = plan.Settings.EventsPerSecond;
        _nextBaselineMs = plan.StartMs + Gap(plan.StartMs);
        _nextSurgeStartMs = plan.HasSurges ? plan.SurgeStartMs(0) : long.MaxValue;
    }

    /// <summary>Events yielded so far; also the 0-based sequence number of the next one.</summary>
    public long Sequence { get; private set; }

    /// <summary>Surges whose start the cursor has passed.</summary>
    public int SurgesStarted => _nextSurgeNumber;

    public bool IsFinished => Sequence >= _maxEvents || PeekTimestampMs() >= _endMs;

    /// <summary>Event time of the next event (it may lie at or past the plan's end).</summary>
    public long PeekTimestampMs()
    {
        var (time, _) = NextSource();
        return (long)Math.Floor(time);
    }

    public bool TryNext(out GeneratedEvent next) => TryNext(long.MaxValue, out next);

    /// <summary>Yields the next event only if its timestamp is at most <paramref name="maxTimestampMs"/>; pacing producers use that.</summary>
    public bool TryNext(long maxTimestampMs, out GeneratedEvent next)
    {
        var (time, source) = NextSource();
        var timestamp = (long)Math.Floor(time);
        if (Sequence >= _maxEvents || timestamp >= _endMs || timestamp > maxTimestampMs)
        {
            next = default;
            return false;
        }

        int business;
        var surgeNumber = -1;
        if (source < 0)
        {
            business = _plan.BusinessAtRank(_popularity.Sample(_random.NextDouble()));
            _nextBaselineMs = time + Gap(timestamp);
        }
        else
        {
            ref var surge = ref _active[source];
            business = surge.BusinessIndex;
            surgeNumber = surge.Number;
            if (--surge.Remaining == 0) _active[source] = _active[--_activeCount];
            else surge.NextMs = surge.StartMs + (surge.Emitted++ + 1.5) * surge.StepMs;
        }
        Sequence++;
        next = new GeneratedEvent(business, timestamp, surgeNumber);
        return true;
    }

    /// <summary>The earliest pending event: source -1 is the baseline, otherwise the index of an active surge.</summary>
    private (double Time, int Source) NextSource()
    {
        while (true)
        {
            var time = _nextBaselineMs;
            var source = -1;
            for (var i = 0; i < _activeCount; i++)
            {
                if (_active[i].NextMs < time)
                {
                    time = _active[i].NextMs;
                    source = i;
                }
            }
            // A surge's events all fall after its start, so it only has to be running once time reaches the start.
            if (_nextSurgeStartMs > time || _nextSurgeStartMs >= _endMs) return (time, source);
            StartSurge(_plan.Surge(_nextSurgeNumber));
            _nextSurgeNumber++;
            _nextSurgeStartMs = _plan.SurgeStartMs(_nextSurgeNumber);
        }
    }

    private void StartSurge(PlannedSurge surge)
    {
        if (surge.ExtraEvents <= 0) return;
        if (_activeCount == _active.Length) Array.Resize(ref _active, _active.Length * 2);
        var step = (double)(surge.EndMs - surge.StartMs) / surge.ExtraEvents;
        _active[_activeCount++] = new ActiveSurge
        {
            BusinessIndex = surge.BusinessIndex,
            Number = surge.Number,
            StartMs = surge.StartMs,
            StepMs = step,
            NextMs = surge.StartMs + 0.5 * step,
            Remaining = surge.ExtraEvents,
        };
    }

    /// <summary>An exponential gap at the rate of the current event-time second: Poisson arrivals.</summary>
    private double Gap(long timestampMs)
    {
        var second = timestampMs / 1000;
        if (second != _rateSecond)
        {
            _rateSecond = second;
            var rate = _eventsPerSecond * _plan.DayFactor(second * 1000);
            _meanGapMs = MsPerSecond / rate;
        }
        return -Math.Log(1.0 - _random.NextDouble()) * _meanGapMs;
    }

    private struct ActiveSurge
    {
        public int BusinessIndex;
        public int Number;
        public long StartMs;
        public double StepMs;
        public double NextMs;
        public long Emitted;
        public long Remaining;
    }
}
