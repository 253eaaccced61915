using Holler.Alerts;
using Holler.Domain.Traffic;

namespace Holler.Tracking;

/// <summary>
/// A shard's part of the rate rules: which of its businesses have at least a watched number of events within a watched
/// number of seconds. Reports a business when it reaches a watch, about once a second while it stays there (the alerts
/// singleton resolves what is no longer reported), and when it falls below. Only businesses over a watch cost memory.
/// </summary>
/// <remarks>The trackers keep 60 seconds per business, so a watch is at most 60 s long; the window's head is the
/// business's newest event time, slid by the clock when it goes quiet.</remarks>
public sealed class RateWatcher
{
    private RateWatch[] _watches = [];
    private readonly Dictionary<(TrackedBusiness Business, int Seconds), long> _overSinceMs = [];

    public bool Watching => _watches.Length > 0;
    public bool AnyOver => _overSinceMs.Count > 0;

    /// <summary>Takes the rules' current watches; a business over a watch no longer kept is reported as below it.
    /// Returns whether they differ from the ones held (they are published again every few seconds unchanged).</summary>
    public bool Update(IReadOnlyList<RateWatch> watches, List<RateChanged> reports)
    {
        var kept = watches.Where(w => w.Seconds is > 0 and <= RollingWindow.Seconds && w.MinEvents > 0).ToArray();
        if (kept.SequenceEqual(_watches)) return false;
        _watches = kept;
        foreach (var key in _overSinceMs.Keys.ToList())
        {
            var watch = Array.Find(_watches, w => w.Seconds == key.Seconds);
            if (watch is null || key.Business.Window.SumOfLast(key.Seconds) < watch.MinEvents) Below(key, reports);
        }
        return true;
    }

    /// <summary>After new events: reports each watch the business newly reached or fell below.</summary>
    public void Check(TrackedBusiness business, List<RateChanged> reports)
    {
        foreach (var watch in _watches)
        {
            var key = (business, watch.Seconds);
            var count = business.Window.SumOfLast(watch.Seconds);
            var over = _overSinceMs.ContainsKey(key);
            if (count >= watch.MinEvents && !over)
            {
                var since = business.Window.HeadSecond * 1000;
                _overSinceMs[key] = since;
                reports.Add(Report(business, watch.Seconds, true, count, since));
            }
            else if (count < watch.MinEvents && over) Below(key, reports);
        }
    }

    /// <summary>Once a second: every business over a watch is reported again, or as below it once it fell back (its
    /// window slid by <paramref name="slide"/> first, so a business whose traffic stopped falls back too).</summary>
    public void Tick(Action<TrackedBusiness> slide, List<RateChanged> reports)
    {
        foreach (var business in _overSinceMs.Keys.Select(k => k.Business).Distinct().ToList()) slide(business);
        foreach (var (key, since) in _overSinceMs.ToList())
        {
            var watch = Array.Find(_watches, w => w.Seconds == key.Seconds);
            var count = key.Business.Window.SumOfLast(key.Seconds);
            if (watch is null || count < watch.MinEvents) Below(key, reports);
            else reports.Add(Report(key.Business, key.Seconds, true, count, since));
        }
    }

    private void Below((TrackedBusiness Business, int Seconds) key, List<RateChanged> reports)
    {
        if (!_overSinceMs.Remove(key, out var since)) return;
        reports.Add(Report(key.Business, key.Seconds, false, key.Business.Window.SumOfLast(key.Seconds), since));
    }

    private static RateChanged Report(TrackedBusiness business, int seconds, bool over, long count, long sinceMs) =>
        new(business.Id, over, seconds, count, business.Expected * seconds / RollingWindow.Seconds, sinceMs);
}
