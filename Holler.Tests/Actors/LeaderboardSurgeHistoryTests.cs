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
}
