using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Holler.Domain.Surges;
using Holler.Ingest;
using Holler.Leaderboard;

namespace Holler.Web.Feed;

/// <summary>
/// The web node's single subscriber to the cluster: the leaderboard, surge starts and ends, ingest status, and
/// membership. It folds them into <see cref="ClusterFeed"/>, which fans out to every browser session, so a hundred open
/// dashboards cost the cluster no more than one. When the leaderboard has been quiet (it publishes only on change) the
/// actor asks it directly, which also tells whether it is reachable at all.
/// </summary>
public sealed class DashboardFeedActor : ReceiveActor, IWithTimers
{
    private readonly ClusterFeed _feed;
    private readonly IActorRef _leaderboard;
    private readonly IActorRef _mediator;
    private readonly DashboardFeedSettings _settings;
    private readonly TimeProvider _clock;
    private readonly Cluster _cluster;
    private readonly Dictionary<Address, Member> _members = [];
    private readonly HashSet<Address> _unreachable = [];
    private long _lastHeardMs;
    private bool _historyLoaded;
    private bool _askInFlight;

    public DashboardFeedActor(ClusterFeed feed, IActorRef leaderboard, DashboardFeedSettings settings, TimeProvider clock, IActorRef? mediator = null)
    {
        _feed = feed;
        _leaderboard = leaderboard;
        _settings = settings;
        _clock = clock;
        _mediator = mediator ?? DistributedPubSub.Get(Context.System).Mediator;
        _cluster = Cluster.Get(Context.System);

        Receive<SubscribeAck>(_ => { });
        Receive<LeaderboardUpdated>(OnLeaderboard);
        Receive<LeaderboardAnswer>(a =>
        {
            _askInFlight = false;
            if (a.Update is not null) OnLeaderboard(a.Update);
        });
        Receive<SurgeRecorded>(r => _feed.Update(s => s with { History = Merge(s.History, [r.Record]) }));
        Receive<SurgeHistoryReply>(r =>
        {
            _historyLoaded = true;
            _feed.Update(s => s with { History = Merge(r.Recent, s.History) });
        });
        Receive<IngestNodeStatus>(OnIngestStatus);
        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            _members.Clear();
            foreach (var m in state.Members) _members[m.Address] = m;
            _unreachable.Clear();
            foreach (var m in state.Unreachable) _unreachable.Add(m.Address);
            PublishMembers();
        });
        Receive<ClusterEvent.MemberRemoved>(e =>
        {
            _members.Remove(e.Member.Address);
            _unreachable.Remove(e.Member.Address);
            PublishMembers();
        });
        Receive<ClusterEvent.IMemberEvent>(e =>
        {
            _members[e.Member.Address] = e.Member;
            PublishMembers();
        });
        Receive<ClusterEvent.UnreachableMember>(e =>
        {
            _unreachable.Add(e.Member.Address);
            PublishMembers();
        });
        Receive<ClusterEvent.ReachableMember>(e =>
        {
            _unreachable.Remove(e.Member.Address);
            PublishMembers();
        });
        Receive<Check>(_ => OnCheck());
        // A history question that timed out; the next check asks again.
        Receive<Status.Failure>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(ClusterFeed feed, IActorRef leaderboard, DashboardFeedSettings? settings = null,
        TimeProvider? clock = null, IActorRef? mediator = null) =>
        Props.Create(() => new DashboardFeedActor(feed, leaderboard, settings ?? new DashboardFeedSettings(), clock ?? TimeProvider.System, mediator));

    protected override void PreStart()
    {
        _mediator.Tell(new Subscribe(LeaderboardUpdated.Topic, Self));
        _mediator.Tell(new Subscribe(SurgeRecorded.Topic, Self));
        _mediator.Tell(new Subscribe(IngestNodeStatus.Topic, Self));
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        Timers.StartPeriodicTimer("check", Check.Instance, TimeSpan.Zero, _settings.CheckEvery);
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        _feed.Update(s => s with { Connection = FeedConnection.Lost });
    }

    private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private void OnLeaderboard(LeaderboardUpdated update)
    {
        _lastHeardMs = NowMs;
        _feed.Update(s =>
        {
            // An answer to our question can overtake a publication or trail it; keep whichever the singleton made last.
            var keep = s.Leaderboard is { } known && known.PublishedAtMs > update.PublishedAtMs ? known : update;
            return s with { Leaderboard = keep, LeaderboardReceivedMs = _lastHeardMs, Connection = FeedConnection.Live };
        });
    }

    private void OnIngestStatus(IngestNodeStatus status) => _feed.Update(s =>
    {
        var others = s.Ingest.Where(i => i.Node != status.Node);
        return s with { Ingest = [.. others.Append(status).OrderBy(i => i.Node, StringComparer.Ordinal)] };
    });

    private void OnCheck()
    {
        var now = NowMs;
        if (!_askInFlight && now - _lastHeardMs >= _settings.AskAfter.TotalMilliseconds)
        {
            _askInFlight = true;
            _leaderboard.Ask<LeaderboardUpdated>(GetLeaderboard.Instance, _settings.AskTimeout)
                .PipeTo(Self, success: u => new LeaderboardAnswer(u), failure: _ => new LeaderboardAnswer(null));
        }
        if (!_historyLoaded)
        {
            _leaderboard.Ask<SurgeHistoryReply>(GetSurgeHistory.Instance, _settings.AskTimeout)
                .PipeTo(Self, failure: _ => new Status.Failure(new TimeoutException("no surge history yet")));
        }
        var staleBefore = now - (long)_settings.ForgetIngestAfter.TotalMilliseconds;
        var lostBefore = now - (long)_settings.LostAfter.TotalMilliseconds;
        _feed.Update(s =>
        {
            var connection = _lastHeardMs == 0 ? FeedConnection.Connecting : _lastHeardMs < lostBefore ? FeedConnection.Lost : FeedConnection.Live;
            var stale = s.Ingest.Any(i => i.AtMs < staleBefore);
            if (connection == s.Connection && !stale) return s;
            return s with { Connection = connection, Ingest = stale ? [.. s.Ingest.Where(i => i.AtMs >= staleBefore)] : s.Ingest };
        });
    }

    private void PublishMembers()
    {
        var members = _members.Values
            .Select(m => new ClusterMember(m.Address.ToString(), [.. m.Roles.Order(StringComparer.Ordinal)], m.Status.ToString(),
                !_unreachable.Contains(m.Address), m.Address == _cluster.SelfAddress))
            .OrderBy(m => m.Address, StringComparer.Ordinal)
            .ToArray();
        _feed.Update(s => s with { Members = members });
    }

    /// <summary>Newer records replace older ones of the same surge (same business and start); newest start first, bounded.</summary>
    internal static IReadOnlyList<SurgeRecord> Merge(IReadOnlyList<SurgeRecord> older, IReadOnlyList<SurgeRecord> newer)
    {
        var byKey = new Dictionary<(string, long), SurgeRecord>();
        foreach (var r in older) byKey[(r.BusinessId, r.StartedMs)] = r;
        foreach (var r in newer)
        {
            // An ended record wins over an ongoing one whatever the order they arrive in.
            if (byKey.TryGetValue((r.BusinessId, r.StartedMs), out var known) && !known.Ongoing && r.Ongoing) continue;
            byKey[(r.BusinessId, r.StartedMs)] = r;
        }
        return [.. byKey.Values.OrderByDescending(r => r.StartedMs).ThenBy(r => r.BusinessId, StringComparer.Ordinal).Take(HistoryLimit)];
    }

    internal const int HistoryLimit = 50;

    private sealed record LeaderboardAnswer(LeaderboardUpdated? Update);

    private sealed class Check
    {
        public static Check Instance { get; } = new();
    }
}

/// <summary>Timing of <see cref="DashboardFeedActor"/>.</summary>
public sealed record DashboardFeedSettings
{
    /// <summary>How often the actor checks what it has heard.</summary>
    public TimeSpan CheckEvery { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Ask the leaderboard when it has not published for this long (it publishes only on change).</summary>
    public TimeSpan AskAfter { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>Show the cluster as lost when nothing was heard from the leaderboard for this long.</summary>
    public TimeSpan LostAfter { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Drop an ingest node's status when it has not published for this long.</summary>
    public TimeSpan ForgetIngestAfter { get; init; } = TimeSpan.FromSeconds(10);
}

public static class DashboardFeedSetup
{
    /// <summary>Starts this node's feed actor, writing into the <see cref="ClusterFeed"/> registered by <c>AddHollerDashboard</c>.</summary>
    public static AkkaConfigurationBuilder AddDashboardFeed(this AkkaConfigurationBuilder builder, DashboardFeedSettings? settings = null) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var feed = resolver.GetService<ClusterFeed>();
            var actor = system.ActorOf(DashboardFeedActor.PropsFor(feed, registry.Get<LeaderboardActor>(), settings), "dashboard-feed");
            registry.Register<DashboardFeedActor>(actor);
        });
}
