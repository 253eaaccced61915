namespace Holler.Clustering;

/// <summary>
/// How fast a crashed node is noticed, downed and replaced. A crash costs its trackers' businesses fresh counts until
/// their shards start elsewhere (the ingest catches up afterwards, nothing is lost), while downing a node that was only
/// slow costs a needless hand-over and, in a real network split, two tracker incarnations writing one journal. Holler's
/// nodes are a handful of 2-core machines whose garbage collector and thread pool can stall for seconds under a burst,
/// so detection tolerates such stalls and the rest is kept as short as safety allows.
/// </summary>
/// <param name="HeartbeatInterval">Cluster heartbeats between nodes.</param>
/// <param name="AcceptableHeartbeatPause">Silence tolerated before the failure detector starts to suspect a node:
/// longer than Akka's 3 s because a loaded 2-core node can miss heartbeats that long without being dead.</param>
/// <param name="StableAfter">How long membership and reachability must stay unchanged before the split-brain
/// resolver decides: long enough for gossip to reach every node of a small cluster, so all sides see the same picture.</param>
/// <param name="DownRemovalMargin">After a node is removed, how long sharding and the singleton wait before starting its
/// shards and singleton elsewhere: the time the downed side has to stop its own (it decides at the same moment).
/// Equal to <see cref="StableAfter"/>, as Akka advises for a split-brain resolver.</param>
public sealed record ClusterTiming(
    TimeSpan HeartbeatInterval,
    TimeSpan AcceptableHeartbeatPause,
    TimeSpan StableAfter,
    TimeSpan DownRemovalMargin)
{
    public static ClusterTiming Default { get; } = new(
        HeartbeatInterval: TimeSpan.FromSeconds(1),
        AcceptableHeartbeatPause: TimeSpan.FromSeconds(5),
        StableAfter: TimeSpan.FromSeconds(7),
        DownRemovalMargin: TimeSpan.FromSeconds(7));

    /// <summary>Roughly how long after a crash its shards start elsewhere: detection, the resolver's wait, the margin.</summary>
    public TimeSpan ExpectedTakeover => AcceptableHeartbeatPause + HeartbeatInterval * 2 + StableAfter + DownRemovalMargin;
}
