using System.Globalization;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;

namespace Holler.Clustering;

public static class ClusterSetup
{
    /// <summary>
    /// Remoting on <paramref name="hostname"/>:<paramref name="port"/> and cluster membership with the split-brain resolver
    /// (keep-majority) on <paramref name="timing"/>. With no seed nodes the node joins itself: a cluster of one.
    /// </summary>
    /// <summary>Largest message between nodes (the remote transport's frame).</summary>
    public const int MaxFrameSizeBytes = 16 * 1024 * 1024;

    public static AkkaConfigurationBuilder AddHollerCluster(this AkkaConfigurationBuilder builder, string hostname, int port,
        IEnumerable<string> roles, IReadOnlyList<string> seedNodes, ClusterTiming? timing = null)
    {
        timing ??= ClusterTiming.Default;
        builder
            // A tracker batch carries a shard's share of a whole micro-batch, and a hot business can put thousands of
            // records in one: Akka's 128 kB default frame would drop it between nodes, and the ingest would re-send
            // it forever. Sized with the largest micro-batch a node accepts (Ingest:BatchMaxRecords, a test checks).
            .WithRemoting(new RemoteOptions { HostName = hostname, Port = port, MaxFrameSize = MaxFrameSizeBytes })
            .WithClustering(new ClusterOptions
            {
                Roles = roles.ToArray(),
                SeedNodes = seedNodes.ToArray(),
                // Keep-majority needs no external lease and no fixed cluster size: the side with more nodes stays up, the
                // other downs itself. Nodes of every role count, so a web node helps break a tie between tracker nodes.
                SplitBrainResolver = new KeepMajorityOption(),
                FailureDetector = new PhiAccrualFailureDetectorOptions
                {
                    HeartbeatInterval = timing.HeartbeatInterval,
                    AcceptableHeartbeatPause = timing.AcceptableHeartbeatPause,
                },
            })
            // Akka.Cluster.Hosting has no options for the resolver's timing.
            .AddHocon(ConfigurationFactory.ParseString($$"""
                akka.cluster {
                  split-brain-resolver.stable-after = {{Seconds(timing.StableAfter)}}
                  down-removal-margin = {{Seconds(timing.DownRemovalMargin)}}
                }
                """), HoconAddMode.Prepend);

        if (seedNodes.Count == 0)
            builder.AddStartup((system, _) => Cluster.Get(system).Join(Cluster.Get(system).SelfAddress));
        return builder;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
