using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Holler.Domain.Catalog;
using Holler.Domain.Fleet;
using Holler.Fleet;
using Holler.Tests.Support;
using Holler.Web.Fleet;

namespace Holler.Tests.Actors;

/// <summary>Ingest nodes publish their fleet counts; a web node's fleet view sums them over nodes into its feed.</summary>
public sealed class FleetViewTests(ITestOutputHelper output)
    : Akka.Hosting.TestKit.TestKit(nameof(FleetViewTests), output, startupTimeout: TimeSpan.FromSeconds(30))
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);
    private const long T = 1_750_000_000;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.WithRemoting("127.0.0.1", 0).WithClustering();

    [Fact]
    public void The_publisher_sends_what_the_ingest_recorded_once_and_nothing_when_there_is_nothing()
    {
        var catalog = new BusinessCatalog([new BusinessInfo("ny", "Deli", "Delis", "New York", 40.71, -74.0)]);
        var recorder = new FleetRecorder(new FleetDirectory(catalog));
        var tally = new FleetTally();
        tally.Add(recorder.Directory.Facts("ny", T, 503), T);
        tally.Add(recorder.Directory.Facts("ny", T, 200), T);
        recorder.Record(tally);
        var mediator = CreateTestProbe("mediator");

        Sys.ActorOf(FleetPublisher.PropsFor(recorder, TimeSpan.FromMilliseconds(50), mediator.Ref));

        var published = (FleetTraffic)mediator.ExpectMsg<Publish>(p => p.Topic == FleetTraffic.Topic, Long, cancellationToken: Ct).Message;
        var second = Assert.Single(published.Seconds);
        Assert.Equal((T, 2L, 1L), (second.Second, second.Events, second.Errors));
        Assert.Equal(2, second.Counts["state"]["36"]);
        Assert.Equal(Akka.Cluster.Cluster.Get(Sys).SelfAddress.ToString(), published.Node);
        // Drained: ticks with nothing new publish nothing.
        mediator.ExpectNoMsg(TimeSpan.FromMilliseconds(300), Ct);
    }

    [Fact]
    public async Task The_view_sums_every_nodes_counts_and_hands_the_feed_a_snapshot()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(T + 15));
        var feed = new FleetFeed();
        var mediator = CreateTestProbe("mediator");
        var view = Sys.ActorOf(FleetViewActor.PropsFor(feed, clock, mediator.Ref));
        mediator.ExpectMsg<Subscribe>(s => s.Topic == FleetTraffic.Topic, Long, cancellationToken: Ct);
        using var subscription = feed.Subscribe();

        var counts = new Dictionary<string, IReadOnlyDictionary<string, long>> { ["category"] = new Dictionary<string, long> { ["Delis"] = 40 } };
        view.Tell(new FleetTraffic("node-1", [new FleetSecond(T + 1, 40, 4, counts)]), ActorRefs.NoSender);
        view.Tell(new FleetTraffic("node-2", [new FleetSecond(T + 2, 60, 0, new Dictionary<string, IReadOnlyDictionary<string, long>>())]), ActorRefs.NoSender);

        var snapshot = await Eventually.Until(async () => await subscription.Updates.ReadAsync(Ct), s => s.TotalEvents == 100, Long,
            s => $"total {s.TotalEvents}");
        Assert.Equal(100 / 30.0, snapshot.EventsPerSecond, 9);
        Assert.Equal(0.04, snapshot.ErrorShare, 9);
        Assert.Equal((clock.GetUtcNow().ToUnixTimeMilliseconds()), snapshot.AtMs);
        Assert.Equal("Delis", Assert.Single(snapshot.ByCategory).Value);
    }
}
