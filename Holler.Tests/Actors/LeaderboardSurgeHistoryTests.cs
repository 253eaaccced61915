using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Akka.TestKit;
using Holler.Domain.Surges;
using Holler.Leaderboard;
using Holler.Tests.Support;

namespace Holler.Tests.Actors;

/// <summary>The leaderboard singleton's surge history: starts and ends published on their own topic as they happen,
/// the recent ones answered to a dashboard that opens later.</summary>
public sealed class LeaderboardSurgeHistoryTests(ITestOutputHelper output)
    : Akka.Hosting.TestKit.TestKit(nameof(LeaderboardSurgeHistoryTests), output, startupTimeout: TimeSpan.FromSeconds(30))
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly LeaderboardSettings Settings =
        new(Size: 3, PublishInterval: TimeSpan.FromMilliseconds(50), ExpireAfter: TimeSpan.FromSeconds(10));

    private readonly ManualClock _clock = new();
    private TestProbe _mediator = null!;
    private IActorRef _leaderboard = null!;

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
    }

    protected override Task BeforeTestStart()
    {
        _mediator = CreateTestProbe("mediator");
        _mediator.IgnoreMessages(m => m is Publish { Topic: LeaderboardUpdated.Topic });
        _leaderboard = Sys.ActorOf(LeaderboardActor.PropsFor(Settings, _clock, mediator: _mediator.Ref));
        return Task.CompletedTask;
    }

    private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static SurgeChanged Report(string id, bool surging, double score, long sinceMs = 1_748_000_000_000) =>
        new(id, surging, new LeaderboardEntry(id, score, 500, 50, 10, sinceMs, 0));

    private static SurgeChanged DropReport(string id, bool dropping, double score, double ratio, long sinceMs = 1_748_000_000_000) =>
        new(id, dropping, new LeaderboardEntry(id, score, (long)(200 * ratio), 200, ratio, sinceMs, 0, Drop: true));

    private SurgeRecord ExpectSurge()
    {
        var publish = _mediator.ExpectMsg<Publish>(Long, cancellationToken: Ct);
        Assert.Equal(SurgeRecorded.Topic, publish.Topic);
        return Assert.IsType<SurgeRecorded>(publish.Message).Record;
    }

    [Fact]
    public void Publishes_a_start_once_and_an_end_with_the_peak_reached()
    {
        _leaderboard.Tell(Report("biz-a", true, 5));
        var started = ExpectSurge();
        Assert.Equal(("biz-a", 1_748_000_000_000L, true, 5.0), (started.BusinessId, started.StartedMs, started.Ongoing, started.PeakScore));

        _leaderboard.Tell(Report("biz-a", true, 12));
        _leaderboard.Tell(Report("biz-a", true, 8));
        _clock.Advance(TimeSpan.FromSeconds(3));
        _leaderboard.Tell(Report("biz-a", false, 1.5));

        var ended = ExpectSurge();
        Assert.False(ended.Ongoing);
        Assert.Equal(NowMs, ended.EndedMs);
        Assert.Equal(12, ended.PeakScore);
        _mediator.ExpectNoMsg(TimeSpan.FromMilliseconds(300), Ct);
    }

    [Fact]
    public void A_surge_whose_tracker_stops_reporting_ends_when_it_expires()
    {
        _leaderboard.Tell(Report("biz-a", true, 6));
        ExpectSurge();

        _clock.Advance(TimeSpan.FromSeconds(11));

        var ended = ExpectSurge();
        Assert.Equal("biz-a", ended.BusinessId);
        Assert.False(ended.Ongoing);
    }

    [Fact]
    public void Answers_the_recent_surges_newest_first()
    {
        _leaderboard.Tell(Report("biz-a", true, 6, sinceMs: 1_000));
        _leaderboard.Tell(Report("biz-a", false, 1, sinceMs: 1_000));
        _leaderboard.Tell(Report("biz-b", true, 9, sinceMs: 5_000));

        _leaderboard.Tell(GetSurgeHistory.Instance, TestActor);
        var reply = ExpectMsg<SurgeHistoryReply>(Long, cancellationToken: Ct);

        Assert.Equal([("biz-b", true), ("biz-a", false)], reply.Recent.Select(r => (r.BusinessId, r.Ongoing)));
    }

    [Fact]
    public void A_drop_goes_to_the_history_tagged_but_never_onto_the_leaderboard()
    {
        _leaderboard.Tell(DropReport("biz-drop", true, 40, 0.2, sinceMs: 1_000));
        var dropStarted = ExpectSurge();
        _leaderboard.Tell(Report("biz-surge", true, 9, sinceMs: 2_000));
        var surgeStarted = ExpectSurge();
        // Higher severity and a lower ratio than the first report: the drop's peak is its lowest ratio.
        _leaderboard.Tell(DropReport("biz-drop", true, 55, 0.05, sinceMs: 1_000));

        Assert.Equal(("biz-drop", true), (dropStarted.BusinessId, dropStarted.Drop));
        Assert.Equal(("biz-surge", false), (surgeStarted.BusinessId, surgeStarted.Drop));
        _leaderboard.Tell(GetSurgeHistory.Instance, TestActor);
        var history = ExpectMsg<SurgeHistoryReply>(Long, cancellationToken: Ct).Recent;
        Assert.Equal([("biz-surge", false), ("biz-drop", true)], history.Select(r => (r.BusinessId, r.Drop)));
        Assert.Equal((55.0, 0.05), (history[1].PeakScore, history[1].PeakRatio));
        // The drop outscores the surge, yet only the surge ranks, and only it counts as surging. Publications are
        // throttled on the clock: past an interval, the next one has everything reported so far.
        _clock.Advance(TimeSpan.FromSeconds(1));
        AwaitAssert(() =>
        {
            _leaderboard.Tell(GetLeaderboard.Instance, TestActor);
            var board = ExpectMsg<LeaderboardUpdated>(Long, cancellationToken: Ct);
            Assert.Equal(["biz-surge"], board.Top.Select(e => e.BusinessId));
            Assert.Equal(1, board.Surging);
        }, Long, cancellationToken: Ct);

        _clock.Advance(TimeSpan.FromSeconds(2));
        _leaderboard.Tell(DropReport("biz-drop", false, 1, 0.9, sinceMs: 1_000));
        var dropEnded = ExpectSurge();
        Assert.Equal(("biz-drop", true, false, 0.05), (dropEnded.BusinessId, dropEnded.Drop, dropEnded.Ongoing, dropEnded.PeakRatio));
    }

    [Fact]
    public void A_drop_whose_tracker_stops_reporting_ends_when_it_expires()
    {
        _leaderboard.Tell(DropReport("biz-drop", true, 12, 0.1));
        Assert.True(ExpectSurge().Ongoing);

        _clock.Advance(TimeSpan.FromSeconds(11));

        var ended = ExpectSurge();
        Assert.Equal(("biz-drop", true, false), (ended.BusinessId, ended.Drop, ended.Ongoing));
    }
}
