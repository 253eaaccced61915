using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Holler.Domain.Surges;

namespace Holler.Leaderboard;

/// <summary>
/// Cluster singleton ranking the surging businesses. Fed only by trackers' <see cref="SurgeChanged"/>; publishes the
/// top N on DistributedPubSub only when it changed, and at most once per interval — at once when the last attempt is an
/// interval old or there was none yet, else an interval after it. A business entering or leaving the top N is news and
/// waits only the shorter <see cref="LeaderboardSettings.News"/> interval: with one interval for everything, a new surge
/// arriving just after a publication waited a whole second, which alone broke event → dashboard p99 ≤ 1 s (see
/// docs/architecture.md#performance-model). Its state is rebuilt from the trackers' once-a-second reports, so a
/// hand-over to another node loses at most a second. It also keeps the recent surges (started, ended, peak) and
/// publishes each start and end on <see cref="SurgeRecorded.Topic"/>, so a dashboard opened later can show what
/// happened before. Drops (<see cref="LeaderboardEntry.Drop"/>, when trackers watch that side) go only to the history,
/// tagged: the leaderboard ranks surges.
/// </summary>
public sealed class LeaderboardActor : ReceiveActor, IWithTimers
{
    private readonly LeaderboardSettings _settings;
    private readonly TimeProvider _clock;
    private readonly IActorRef _mediator;
    private readonly LeaderboardRanking _ranking = new();
    // Ongoing drops, never shown: kept only so a drop whose tracker stops reporting ends in the history as a surge does.
    private readonly LeaderboardRanking _dropping = new();
    // Error surges: a board of their own, since a business can have one beside a traffic surge.
    private readonly LeaderboardRanking _erroring = new();
    private readonly SurgeHistory _history = new();
    private IReadOnlyList<LeaderboardEntry> _published = [];
    private int _publishedSurging;
    private IReadOnlyList<LeaderboardEntry> _publishedErrors = [];
    private int _publishedErroring;
    private long _sequence;
    private bool _dirty;
    // A change since the last attempt puts a business into the shown top N or takes one out of it.
    private bool _news;
    private bool _trailingPending;
    private bool _trailingForNews;
    private HashSet<string> _publishedIds = [];
    // The clock's monotonic timestamp (processing time, not its wall time): throttling is about how often. Null until
    // the first attempt: a monotonic timestamp counts from an arbitrary origin (on Linux the boot), so 0 is not "long
    // ago" and a node started within an interval of boot held back its first publication for the rest of that interval.
    private long? _lastAttempt;

    public LeaderboardActor(LeaderboardSettings settings, TimeProvider clock, IActorRef? mediator = null)
    {
        _settings = settings;
        _clock = clock;
        _mediator = mediator ?? DistributedPubSub.Get(Context.System).Mediator;

        Receive<SurgeChanged>(change =>
        {
            var nowMs = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            _news |= IsNews(change);
            // Stamp with our own clock so expiry does not depend on the trackers' nodes' clocks.
            var stamped = change.Entry with { UpdatedMs = nowMs };
            if (change.Entry.Errors)
            {
                OnErrors(change, stamped, nowMs);
                return;
            }
            // A business has one episode at a time: whichever side this report is on, it is not on the other.
            if (change.Surging && !change.Entry.Drop) _ranking.Upsert(stamped);
            else _ranking.Remove(change.BusinessId);
            if (change.Surging && change.Entry.Drop) _dropping.Upsert(stamped);
            else _dropping.Remove(change.BusinessId);
            if (change.Surging)
            {
                if (_history.Observe(change.Entry) is { } started) PublishSurge(started);
            }
            else if (_history.End(change.BusinessId, nowMs, change.Entry) is { } ended) PublishSurge(ended);
            _dirty = true;
            // Leading edge: a change after a quiet interval goes out at once instead of waiting up to an interval for
            // the tick. Freshness (event → dashboard) was mostly that wait.
            AttemptWhenDue();
        });
        Receive<GetLeaderboard>(_ => Sender.Tell(Current()));
        Receive<GetSurgeHistory>(_ => Sender.Tell(new SurgeHistoryReply(_history.Recent.ToArray())));
        Receive<PublishTick>(_ => AttemptWhenDue());
        Receive<TrailingTick>(_ =>
        {
            _trailingPending = false;
            AttemptWhenDue();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(LeaderboardSettings settings, TimeProvider? clock = null, IActorRef? mediator = null) =>
        Props.Create(() => new LeaderboardActor(settings, clock ?? TimeProvider.System, mediator));

    protected override void PreStart() =>
        Timers.StartPeriodicTimer("publish", PublishTick.Instance, _settings.Interval);

    /// <summary>An error surge's report: ranked on its own board and kept in the history; never news (the dashboard's
    /// freshness target is about traffic surges), so it goes out with the next regular publication.</summary>
    private void OnErrors(SurgeChanged change, LeaderboardEntry stamped, long nowMs)
    {
        if (change.Surging)
        {
            _erroring.Upsert(stamped);
            if (_history.Observe(change.Entry) is { } started) PublishSurge(started);
        }
        else
        {
            _erroring.Remove(change.BusinessId);
            if (_history.End(change.BusinessId, nowMs, change.Entry, errors: true) is { } ended) PublishSurge(ended);
        }
        _dirty = true;
        AttemptWhenDue();
    }

    /// <summary>At most one attempt per interval, whether it publishes or finds nothing changed (expiry is a scan of
    /// every surging business, too much for every report).</summary>
    private void Attempt()
    {
        _lastAttempt = _clock.GetTimestamp();
        _news = false;
        PublishIfChanged();
    }

    /// <summary>Attempts now if the last attempt is old enough for what is pending (news or not); otherwise makes sure
    /// a timer fires exactly when it will be (once, not per report: reports come by the thousand a second).</summary>
    private void AttemptWhenDue()
    {
        var due = _lastAttempt is { } last
            ? (_news ? _settings.News : _settings.Interval) - _clock.GetElapsedTime(last)
            : TimeSpan.Zero;
        if (due <= TimeSpan.Zero)
        {
            Attempt();
            return;
        }
        if (!_dirty || (_trailingPending && (_trailingForNews || !_news))) return;
        Timers.StartSingleTimer("trailing", TrailingTick.Instance, due);
        _trailingPending = true;
        _trailingForNews = _news;
    }

    /// <summary>Whether a report changes which businesses the last publication showed: one surging that is not shown
    /// and would rank among them, or one shown that stopped.</summary>
    private bool IsNews(SurgeChanged change)
    {
        if (change.Entry.Errors) return false;
        var shown = _publishedIds.Contains(change.BusinessId);
        if (!change.Surging || change.Entry.Drop) return shown;
        return !shown && (_published.Count < _settings.Size || change.Entry.Score >= _published[^1].Score);
    }

    private void PublishIfChanged()
    {
        var nowMs = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var olderThanMs = nowMs - (long)_settings.Expiry.TotalMilliseconds;
        var expired = _ranking.ExpireEntriesOlderThan(olderThanMs);
        foreach (var entry in expired.Concat(_dropping.ExpireEntriesOlderThan(olderThanMs)))
            if (_history.End(entry.BusinessId, nowMs) is { } ended) PublishSurge(ended);
        var expiredErrors = _erroring.ExpireEntriesOlderThan(olderThanMs);
        foreach (var entry in expiredErrors)
            if (_history.End(entry.BusinessId, nowMs, errors: true) is { } ended) PublishSurge(ended);
        if (!_dirty && expired.Count == 0 && expiredErrors.Count == 0) return;
        _dirty = false;
        var top = _ranking.Top(_settings.Size);
        var errorTop = _erroring.Top(_settings.Size);
        if (Same(top, _published) && _ranking.Count == _publishedSurging
            && Same(errorTop, _publishedErrors) && _erroring.Count == _publishedErroring) return;
        _published = top;
        _publishedIds = top.Select(e => e.BusinessId).ToHashSet();
        _publishedSurging = _ranking.Count;
        _publishedErrors = errorTop;
        _publishedErroring = _erroring.Count;
        _sequence++;
        _mediator.Tell(new Publish(LeaderboardUpdated.Topic, Current()));
    }

    private void PublishSurge(SurgeRecord record) => _mediator.Tell(new Publish(SurgeRecorded.Topic, new SurgeRecorded(record)));

    private static bool Same(IReadOnlyList<LeaderboardEntry> top, IReadOnlyList<LeaderboardEntry> published)
    {
        if (top.Count != published.Count) return false;
        for (var i = 0; i < top.Count; i++)
        {
            // UpdatedMs changes every report; only what a reader sees counts as a change.
            if (!top[i].LooksLike(published[i])) return false;
        }
        return true;
    }

    private LeaderboardUpdated Current() =>
        new(_published, _publishedSurging, _clock.GetUtcNow().ToUnixTimeMilliseconds(), _sequence, _publishedErrors, _publishedErroring);

    private sealed class PublishTick
    {
        public static PublishTick Instance { get; } = new();
    }

    private sealed class TrailingTick
    {
        public static TrailingTick Instance { get; } = new();
    }
}
