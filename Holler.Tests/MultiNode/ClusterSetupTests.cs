using Akka.Cluster;
using Akka.Hosting;
using Holler.Clustering;
using Holler.Persistence;

namespace Holler.Tests.MultiNode;

/// <summary>The cluster timing README documents is what Akka runs with, and a node without seeds is a cluster of one.</summary>
public sealed class ClusterSetupTests(ITestOutputHelper output)
    : Akka.Hosting.TestKit.TestKit(nameof(ClusterSetupTests), output, startupTimeout: TimeSpan.FromSeconds(30))
{
    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.AddHollerCluster("127.0.0.1", 0, ["tracker"], []);

    [Fact]
    public void The_split_brain_resolver_keeps_the_majority_on_Hollers_timing()
    {
        var config = Sys.Settings.Config;
        var timing = ClusterTiming.Default;

        Assert.Contains("SplitBrainResolverProvider", config.GetString("akka.cluster.downing-provider-class"));
        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Equal(timing.StableAfter, config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(timing.AcceptableHeartbeatPause, config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
        Assert.Equal(timing.HeartbeatInterval, config.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval"));
        // What sharding and the singleton actually wait before taking over a removed node's work.
        Assert.Equal(timing.DownRemovalMargin, Cluster.Get(Sys).DowningProvider.DownRemovalMargin);
    }

    [Fact]
    public void Messages_between_nodes_may_be_as_large_as_the_largest_tracker_batch()
    {
        var frame = Sys.Settings.Config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size");

        Assert.Equal(Holler.Clustering.ClusterSetup.MaxFrameSizeBytes, frame);
    }

    [Fact]
    public async Task A_node_without_seed_nodes_forms_a_cluster_of_its_own()
    {
        var cluster = Cluster.Get(Sys);
        await AwaitAssertAsync(() => Assert.Equal(MemberStatus.Up, cluster.SelfMember.Status), TimeSpan.FromSeconds(30),
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("tracker", cluster.SelfRoles);
    }

    [Fact]
    public void A_nodes_PostgreSQL_pool_is_bounded_unless_the_connection_string_says_otherwise()
    {
        Assert.Contains($"Maximum Pool Size={SqlPersistenceSetup.DefaultMaxPoolSize}",
            SqlPersistenceSetup.WithPoolLimit("Host=db;Username=u;Password=p;Database=holler"));
        Assert.Equal("Host=db;Max Pool Size=5", SqlPersistenceSetup.WithPoolLimit("Host=db;Max Pool Size=5"));
    }
}
