using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Holler.Domain;
using Holler.Ingest;
using Holler.Tests.Support;

namespace Holler.Tests.Actors;

/// <summary>Each ingest node tells the cluster how it is doing, so a web node anywhere can show it.</summary>
public sealed class IngestStatusPublisherTests(ITestOutputHelper output)
    : Akka.Hosting.TestKit.TestKit(nameof(IngestStatusPublisherTests), output, startupTimeout: TimeSpan.FromSeconds(30))
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.WithRemoting("127.0.0.1", 0).WithClustering();

    private static IngestStatus Status(long consumed, long applied, Dictionary<int, long> committed, Dictionary<int, long> logEnd) =>
        new(consumed, consumed, applied, 0, new Dictionary<RejectReason, long> { [RejectReason.NotJson] = 2, [RejectReason.TooOld] = 1 },
            committed, logEnd);

    [Fact]
    public void Publishes_rates_lag_and_rejections_from_the_local_ingest()
    {
        var clock = new ManualClock();
        var ingest = CreateTestProbe("ingest");
        var mediator = CreateTestProbe("mediator");
        Sys.ActorOf(IngestStatusPublisher.PropsFor(ingest.Ref, TimeSpan.FromMilliseconds(100), clock, mediator.Ref));

        ingest.ExpectMsg<GetIngestStatus>(Long, cancellationToken: Ct);
        ingest.Reply(Status(1_000, 900, new() { [0] = 500, [1] = 400 }, new() { [0] = 520, [1] = 400 }));
        var first = (IngestNodeStatus)mediator.ExpectMsg<Publish>(p => p.Topic == IngestNodeStatus.Topic, Long, cancellationToken: Ct).Message;
        Assert.Equal((1_000L, 900L, 3L, 20L, 2), (first.Consumed, first.Applied, first.Rejected, first.Lag, first.Partitions));
        Assert.Equal(0, first.ConsumedPerSecond);
        Assert.Equal(Akka.Cluster.Cluster.Get(Sys).SelfAddress.ToString(), first.Node);

        clock.Advance(TimeSpan.FromSeconds(2));
        ingest.ExpectMsg<GetIngestStatus>(Long, cancellationToken: Ct);
        ingest.Reply(Status(1_800, 1_500, new() { [0] = 900 }, new() { [0] = 1_000, [3] = 50 }));
        var second = (IngestNodeStatus)mediator.ExpectMsg<Publish>(p => p.Topic == IngestNodeStatus.Topic, Long, cancellationToken: Ct).Message;

        Assert.Equal(400, second.ConsumedPerSecond);
        Assert.Equal(300, second.AppliedPerSecond);
        // A partition with nothing committed yet lags by its whole log.
        Assert.Equal(150, second.Lag);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), second.AtMs);

        // Rates cover the last thirty seconds of readings: the first one has aged out of the window.
        clock.Advance(TimeSpan.FromSeconds(30));
        ingest.ExpectMsg<GetIngestStatus>(Long, cancellationToken: Ct);
        ingest.Reply(Status(2_800, 2_000, new() { [0] = 1_000 }, new() { [0] = 1_000 }));
        var third = (IngestNodeStatus)mediator.ExpectMsg<Publish>(p => p.Topic == IngestNodeStatus.Topic, Long, cancellationToken: Ct).Message;
        Assert.Equal(1_000 / 30.0, third.ConsumedPerSecond, 6);
        Assert.Equal(500 / 30.0, third.AppliedPerSecond, 6);
    }
}
