using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Akka.TestKit;
using Holler.Domain.Surges;
using Holler.Ingest;
using Holler.Leaderboard;
using Holler.Tests.Support;
using Holler.Web.Feed;

namespace Holler.Tests.Web;

/// <summary>The web node's one subscriber to the cluster, writing the snapshot every browser session reads.</summary>
public sealed class DashboardFeedActorTests(ITestOutputHelper output)
    : Akka.Hosting.TestKit.TestKit(nameof(DashboardFeedActorTests), output, startupTimeout: TimeSpan.FromSeconds(30))
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DashboardFeedSettings Fast = new()
    {
        CheckEvery = TimeSpan.FromMilliseconds(50),
        AskAfter = TimeSpan.FromSeconds(3),
        AskTimeout = TimeSpan.FromMilliseconds(500),
        LostAfter = TimeSpan.FromSeconds(10),
        ForgetIngestAfter = TimeSpan.FromSeconds(10),
    };

    private readonly ManualClock _clock = new();
    private readonly ClusterFeed _feed = new();
    private TestProbe _mediator = null!;
    private TestProbe _leaderboard = null!;

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.WithRemoting("127.0.0.1", 0)
            .WithClustering(new ClusterOptions { Roles = ["web"] })
            .AddStartup((system, _) => Cluster.Get(system).Join(Cluster.Get(system).SelfAddress));

    private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private IActorRef StartFeed()
    {
        _mediator = CreateTestProbe("mediator");
        _leaderboard = CreateTestProbe("leaderboard");
        return Sys.ActorOf(DashboardFeedActor.PropsFor(_feed, _leaderboard.Ref, Fast, _clock, _mediator.Ref));
    }

    private static LeaderboardUpdated Board(long publishedAtMs, params string[] ids) =>
        new([.. ids.Select((id, i) => new LeaderboardEntry(id, 10 - i, 100, 10, 10, 1_000, 0))], ids.Length, publishedAtMs, 1);

    private void AwaitFeed(Func<DashboardState, bool> condition, string what) =>
        AwaitCondition(() => condition(_feed.Current), Long, $"feed never showed {what}; last: {_feed.Current}", cancellationToken: Ct);

    [Fact]
    public void Subscribes_once_to_the_leaderboard_surges_and_ingest_status()
    {
        StartFeed();

        var topics = _mediator.ReceiveN(3, Long, Ct).Cast<Subscribe>().Select(s => s.Topic).Order();

        Assert.Equal([IngestNodeStatus.Topic, LeaderboardUpdated.Topic, SurgeRecorded.Topic], topics);
    }

    [Fact]
    public void A_publication_makes_the_feed_live_and_every_subscriber_gets_it()
    {
        var feed = StartFeed();
        using var first = _feed.Subscribe();
        using var second = _feed.Subscribe();
        Assert.Equal(FeedConnection.Connecting, _feed.Current.Connection);

        feed.Tell(Board(NowMs, "biz-a", "biz-b"));

        AwaitFeed(s => s.Leaderboard is not null, "the leaderboard");
        Assert.Equal(FeedConnection.Live, _feed.Current.Connection);
        Assert.Equal(["biz-a", "biz-b"], _feed.Current.Top.Select(e => e.BusinessId));
        Assert.Equal(NowMs, _feed.Current.LeaderboardReceivedMs);
        foreach (var subscription in new[] { first, second })
        {
            AwaitCondition(() => subscription.Updates.TryPeek(out var s) && s.Leaderboard is not null, Long, cancellationToken: Ct);
        }
    }

    [Fact]
    public void An_older_answer_does_not_replace_a_newer_publication()
    {
        var feed = StartFeed();
        feed.Tell(Board(NowMs, "new"));
        AwaitFeed(s => s.Leaderboard is not null, "the leaderboard");

        feed.Tell(Board(NowMs - 5_000, "old"));
        feed.Tell(new SurgeRecorded(new SurgeRecord("marker", 1, 0, 1, 1, 1)));

        AwaitFeed(s => s.History.Count == 1, "the marker record");
        Assert.Equal(["new"], _feed.Current.Top.Select(e => e.BusinessId));
    }

    [Fact]
    public void When_the_leaderboard_is_quiet_it_asks_and_when_nothing_answers_the_cluster_shows_as_lost()
    {
        var feed = StartFeed();
        // First check: it has heard nothing, so it asks for the leaderboard and the surge history at once.
        _leaderboard.FishForMessage(m => m is GetLeaderboard, Long, cancellationToken: Ct);
        _leaderboard.Reply(Board(NowMs, "biz-a"));
        AwaitFeed(s => s.Connection == FeedConnection.Live, "live");

        _clock.Advance(TimeSpan.FromSeconds(4));
        _leaderboard.FishForMessage(m => m is GetLeaderboard, Long, cancellationToken: Ct);
        Assert.Equal(FeedConnection.Live, _feed.Current.Connection);

        _clock.Advance(TimeSpan.FromSeconds(7));

        AwaitFeed(s => s.Connection == FeedConnection.Lost, "lost");
        Assert.Equal(["biz-a"], _feed.Current.Top.Select(e => e.BusinessId));
        feed.Tell(Board(NowMs, "biz-b"));
        AwaitFeed(s => s.Connection == FeedConnection.Live && s.Top[0].BusinessId == "biz-b", "live again");
    }

    [Fact]
    public void Surge_history_from_the_singleton_merges_with_starts_and_ends_heard_since()
    {
        var feed = StartFeed();
        var ongoing = new SurgeRecord("biz-a", 1_000, 0, 5, 100, 5);
        feed.Tell(new SurgeRecorded(ongoing with { EndedMs = 9_000 }));
        _leaderboard.FishForMessage(m => m is GetSurgeHistory, Long, cancellationToken: Ct);

        _leaderboard.Reply(new SurgeHistoryReply([new SurgeRecord("biz-b", 2_000, 0, 7, 100, 5), ongoing]));

        AwaitFeed(s => s.History.Count == 2, "two records");
        Assert.Equal([("biz-b", 0L), ("biz-a", 9_000L)], _feed.Current.History.Select(r => (r.BusinessId, r.EndedMs)));
    }

    [Fact]
    public void Ingest_status_is_kept_per_node_and_forgotten_when_a_node_goes_quiet()
    {
        var feed = StartFeed();
        feed.Tell(new IngestNodeStatus("node-b", NowMs, 10, 10, 0, 5, 2, 100, 90));
        feed.Tell(new IngestNodeStatus("node-a", NowMs, 10, 10, 1, 7, 2, 200, 190));
        feed.Tell(new IngestNodeStatus("node-a", NowMs, 20, 20, 3, 1, 2, 300, 290));

        AwaitFeed(s => s.Ingest.Count == 2 && s.Rejected == 3, "two nodes");
        Assert.Equal(["node-a", "node-b"], _feed.Current.Ingest.Select(i => i.Node));
        Assert.Equal(400, _feed.Current.ConsumedPerSecond);
        Assert.Equal(6, _feed.Current.Lag);

        _clock.Advance(TimeSpan.FromSeconds(8));
        feed.Tell(new IngestNodeStatus("node-b", NowMs, 30, 30, 0, 0, 2, 100, 90));
        _clock.Advance(TimeSpan.FromSeconds(3));

        AwaitFeed(s => s.Ingest.Count == 1, "node-a forgotten");
        Assert.Equal("node-b", _feed.Current.Ingest[0].Node);
    }

    [Fact]
    public void Cluster_members_and_their_roles_are_shown()
    {
        StartFeed();

        AwaitFeed(s => s.Members.Any(m => m.Status == "Up"), "this node up");
        var self = Assert.Single(_feed.Current.Members);
        Assert.True(self.IsSelf);
        Assert.True(self.Reachable);
        Assert.Contains("web", self.Roles);
    }

    [Fact]
    public void A_disposed_subscription_is_removed_and_gets_nothing_more()
    {
        var feed = StartFeed();
        var subscription = _feed.Subscribe();
        Assert.Equal(1, _feed.SubscriberCount);

        subscription.Dispose();
        feed.Tell(Board(NowMs, "biz-a"));

        AwaitFeed(s => s.Leaderboard is not null, "the leaderboard");
        Assert.Equal(0, _feed.SubscriberCount);
        Assert.True(subscription.Updates.Completion.IsCompleted || !subscription.Updates.TryPeek(out var s) || s.Leaderboard is null);
    }
}
