using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Akka.TestKit;
using Holler.Domain.Surges;
using Holler.Leaderboard;
using Holler.Tests.Support;

namespace Holler.Tests.Actors;

public sealed class LeaderboardActorTests(ITestOutputHelper output) : Akka.Hosting.TestKit.TestKit(nameof(LeaderboardActorTests), output, startupTimeout: TimeSpan.FromSeconds(30))
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    /// <summary>Longer than several publish intervals: what has not been published by then is not going to be.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(400);

    private static readonly LeaderboardSettings Settings =
        new(Size: 3, PublishInterval: TimeSpan.FromMilliseconds(50), ExpireAfter: TimeSpan.FromSeconds(10));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ManualClock _clock = new();
    private TestProbe _mediator = null!;
    private IActorRef _leaderboard = null!;

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
    }

    protected override Task BeforeTestStart()
    {
        _mediator = CreateTestProbe("mediator");
        // Surge starts and ends go to their own topic; SurgeHistoryTests covers them.
        _mediator.IgnoreMessages(m => m is Publish { Topic: SurgeRecorded.Topic });
        _leaderboard = Sys.ActorOf(LeaderboardActor.PropsFor(Settings, _clock, mediator: _mediator.Ref));
        return Task.CompletedTask;
    }

    private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static SurgeChanged Surging(string id, double score, double ratio = 3, long count = 600) =>
        new(id, true, new LeaderboardEntry(id, score, count, count / ratio, ratio, 1_750_000_000_000, 0));

    private static SurgeChanged Ended(string id) =>
        new(id, false, new LeaderboardEntry(id, 1, 100, 100, 1, 1_750_000_000_000, 0));

    private LeaderboardUpdated ExpectPublished()
    {
        var publish = _mediator.ExpectMsg<Publish>(Long);
        Assert.Equal(LeaderboardUpdated.Topic, publish.Topic);
        Assert.Equal("leaderboard", publish.Topic);
        return Assert.IsType<LeaderboardUpdated>(publish.Message);
    }

    /// <summary>Publications can catch the ranking half-way through a burst of reports; wait for the one that matters.</summary>
    private LeaderboardUpdated ExpectPublished(Func<LeaderboardUpdated, bool> isIt) =>
        (LeaderboardUpdated)_mediator.FishForMessage<Publish>(p => p.Message is LeaderboardUpdated u && isIt(u), Long).Message;

    /// <summary>The leaderboard has handled everything sent before; its answer is what it last published.</summary>
    private LeaderboardUpdated Current()
    {
        _leaderboard.Tell(GetLeaderboard.Instance, TestActor);
        return ExpectMsg<LeaderboardUpdated>(Long);
    }

    private static string[] Ids(LeaderboardUpdated u) => u.Top.Select(e => e.BusinessId).ToArray();

    [Fact]
    public void PublishesOnTheLeaderboardTopicWhenASurgeArrives()
    {
        _leaderboard.Tell(Surging("biz-a", 6.5));

        var published = ExpectPublished();

        var entry = Assert.Single(published.Top);
        // The entry as the tracker sent it, stamped with the leaderboard's own clock.
        Assert.Equal(Surging("biz-a", 6.5).Entry with { UpdatedMs = NowMs }, entry);
        Assert.Equal(1, published.Surging);
        Assert.Equal(1, published.Sequence);
        Assert.Equal(NowMs, published.PublishedAtMs);
    }

    [Fact]
    public void RanksByScoreThenRatioAndShowsOnlyTheTopN()
    {
        _leaderboard.Tell(Surging("biz-a", 5));
        _leaderboard.Tell(Surging("biz-b", 9));
        _leaderboard.Tell(Surging("biz-c", 7, ratio: 2));
        _leaderboard.Tell(Surging("biz-d", 7, ratio: 4));
        _leaderboard.Tell(Surging("biz-e", 4.5));

        var published = ExpectPublished(u => u.Surging == 5);

        Assert.Equal(["biz-b", "biz-d", "biz-c"], Ids(published)); // Size = 3
        Assert.Equal(5, published.Surging); // all of them are counted
    }

    [Fact]
    public void ABusinessWhoseSurgeEndedIsRemoved()
    {
        _leaderboard.Tell(Surging("biz-a", 8));
        _leaderboard.Tell(Surging("biz-b", 6));
        ExpectPublished(u => u.Surging == 2);

        _leaderboard.Tell(Ended("biz-a"));

        var published = ExpectPublished();
        Assert.Equal(["biz-b"], Ids(published));
        Assert.Equal(1, published.Surging);
    }

    [Fact]
    public void AnEndedSurgeOutsideTheTopStillChangesTheCount()
    {
        foreach (var (id, score) in new[] { ("biz-a", 9.0), ("biz-b", 8.0), ("biz-c", 7.0), ("biz-d", 5.0) })
            _leaderboard.Tell(Surging(id, score));
        var before = ExpectPublished(u => u.Surging == 4);

        _leaderboard.Tell(Ended("biz-d"));

        var after = ExpectPublished();
        Assert.Equal(Ids(before), Ids(after));
        Assert.Equal(3, after.Surging);
        Assert.Equal(before.Sequence + 1, after.Sequence);
    }

    [Fact]
    public void RepeatedReportsThatChangeNothingVisibleAreNotPublished()
    {
        _leaderboard.Tell(Surging("biz-a", 6));
        var first = ExpectPublished();

        // Trackers report every second while surging; a report that only refreshes the timestamp is no news.
        _clock.Advance(TimeSpan.FromSeconds(1));
        _leaderboard.Tell(Surging("biz-a", 6));
        _leaderboard.Tell(Ended("biz-never-surged")); // removing what is not there changes nothing either
        Current();
        _mediator.ExpectNoMsg(Quiet, Ct);

        _leaderboard.Tell(Surging("biz-a", 6.25)); // a new score is news
        var second = ExpectPublished();
        Assert.Equal(6.25, Assert.Single(second.Top).Score);
        Assert.Equal(first.Sequence + 1, second.Sequence);
    }

    [Fact]
    public void NothingIsPublishedBeforeAnythingSurges()
    {
        Current();
        _mediator.ExpectNoMsg(Quiet, Ct);
    }

    [Fact]
    public void EntriesNotRefreshedWithinExpireAfterAreDropped()
    {
        _leaderboard.Tell(Surging("biz-a", 9));
        _leaderboard.Tell(Surging("biz-b", 5));
        ExpectPublished(u => u.Surging == 2);

        _clock.Advance(TimeSpan.FromSeconds(6));
        _leaderboard.Tell(Surging("biz-b", 5)); // b's tracker still reports, a's went silent
        Current(); // b's refresh is stamped at +6 s before the clock moves on
        _clock.Advance(TimeSpan.FromSeconds(5)); // a: 11 s old > 10 s; b: 5 s old

        var afterA = ExpectPublished();
        Assert.Equal(["biz-b"], Ids(afterA));
        Assert.Equal(1, afterA.Surging);

        _clock.Advance(TimeSpan.FromSeconds(6)); // b: 11 s old

        var empty = ExpectPublished();
        Assert.Empty(empty.Top);
        Assert.Equal(0, empty.Surging);
    }

    [Fact]
    public void AnswersGetLeaderboardWithWhatItLastPublished()
    {
        var initial = Current();
        Assert.Empty(initial.Top);
        Assert.Equal(0, initial.Surging);
        Assert.Equal(0, initial.Sequence);

        _leaderboard.Tell(Surging("biz-a", 6));
        _leaderboard.Tell(Surging("biz-b", 7));
        var published = ExpectPublished(u => u.Surging == 2);

        var answer = Current();
        Assert.Equal(published.Top, answer.Top);
        Assert.Equal(published.Surging, answer.Surging);
        Assert.Equal(published.Sequence, answer.Sequence);
        Assert.Equal(["biz-b", "biz-a"], Ids(answer));
    }

    /// <summary>A leaderboard whose periodic publication is an hour away, so only the leading edge, a trailing timer
    /// or news can publish within a test.</summary>
    private (TestProbe Mediator, IActorRef Leaderboard) Slow(TimeSpan news)
    {
        var mediator = CreateTestProbe();
        mediator.IgnoreMessages(m => m is Publish { Topic: SurgeRecorded.Topic });
        var slow = Settings with { PublishInterval = TimeSpan.FromHours(1), ExpireAfter = TimeSpan.FromHours(2), NewsInterval = news };
        return (mediator, Sys.ActorOf(LeaderboardActor.PropsFor(slow, _clock, mediator: mediator.Ref)));
    }

    private static LeaderboardUpdated NextPublished(TestProbe mediator) =>
        (LeaderboardUpdated)mediator.ExpectMsg<Publish>(Long, cancellationToken: Ct).Message;

    [Fact]
    public void TheFirstChangeAfterStartGoesOutAtOnceEvenOnAMachineBootedLessThanAnIntervalAgo()
    {
        // The clock's monotonic time starts at zero: a node started right after boot. Only a leaderboard that knows it
        // has never attempted publishes now; one taking timestamp 0 for its last attempt waits out the hour.
        var (mediator, leaderboard) = Slow(news: TimeSpan.FromHours(1));
        Assert.True(_clock.GetElapsedTime(0) < TimeSpan.FromMinutes(1));

        leaderboard.Tell(Surging("biz-a", 6));

        Assert.Equal(["biz-a"], Ids(NextPublished(mediator)));
    }

    [Fact]
    public void AChangeAfterAQuietIntervalGoesOutAtOnceAndTheNextWaitsForTheInterval()
    {
        var (mediator, leaderboard) = Slow(news: TimeSpan.FromHours(1));

        // No tick for an hour: only the leading edge can publish this.
        leaderboard.Tell(Surging("biz-a", 6));
        Assert.Equal(["biz-a"], Ids(NextPublished(mediator)));

        // Within the interval a change is held back (at most one publication per interval).
        leaderboard.Tell(Surging("biz-b", 7));
        mediator.ExpectNoMsg(Quiet, Ct);
        leaderboard.Tell(GetLeaderboard.Instance, TestActor);
        Assert.Equal(["biz-a"], Ids(ExpectMsg<LeaderboardUpdated>(Long, cancellationToken: Ct)));
    }

    [Fact]
    public void A_business_entering_the_top_goes_out_after_the_news_interval_while_score_changes_wait()
    {
        var (mediator, leaderboard) = Slow(news: TimeSpan.FromMilliseconds(100));
        leaderboard.Tell(Surging("biz-a", 6));
        Assert.Equal(["biz-a"], Ids(NextPublished(mediator)));

        // Only a score moved: not news, so it waits for the hour.
        leaderboard.Tell(Surging("biz-a", 9));
        mediator.ExpectNoMsg(Quiet, Ct);

        // A new business in the top N is news: out without the hour, with the held-back score too.
        leaderboard.Tell(Surging("biz-b", 7));
        var update = NextPublished(mediator);
        Assert.Equal(["biz-a", "biz-b"], Ids(update));
        Assert.Equal(9, update.Top[0].Score);
    }

    [Fact]
    public void A_shown_business_whose_surge_ended_is_news_and_one_below_a_full_top_is_not()
    {
        var (mediator, leaderboard) = Slow(news: TimeSpan.FromMilliseconds(100));
        leaderboard.Tell(Surging("biz-a", 9));
        Assert.Equal(["biz-a"], Ids(NextPublished(mediator)));
        leaderboard.Tell(Surging("biz-b", 8));
        leaderboard.Tell(Surging("biz-c", 7));
        var full = mediator.FishForMessage<Publish>(p => ((LeaderboardUpdated)p.Message).Top.Count == 3, Long, cancellationToken: Ct);
        Assert.Equal(["biz-a", "biz-b", "biz-c"], Ids((LeaderboardUpdated)full.Message));

        // Size is 3: a fourth below the lowest shown changes only the count, which can wait.
        leaderboard.Tell(Surging("biz-d", 5));
        mediator.ExpectNoMsg(Quiet, Ct);

        // A shown business leaving is news; biz-d moves up into its place.
        leaderboard.Tell(Ended("biz-b"));
        Assert.Equal(["biz-a", "biz-c", "biz-d"], Ids(NextPublished(mediator)));
    }
}
