using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Holler.Leaderboard;

namespace Holler.Host.Operator;

/// <summary>What this node has seen of the leaderboard's publications, readable from any thread (for metrics).</summary>
public sealed class LeaderboardWatch
{
    private long _publications;
    private int _surging;

    /// <summary>Publications received on this node since it started.</summary>
    public long Publications => Interlocked.Read(ref _publications);

    /// <summary>Businesses surging cluster-wide, as of the last publication.</summary>
    public int Surging => Volatile.Read(ref _surging);

    internal void Saw(LeaderboardUpdated update)
    {
        Interlocked.Increment(ref _publications);
        Volatile.Write(ref _surging, update.Surging);
    }
}

/// <summary>Subscribes to the leaderboard topic on this node and feeds <see cref="LeaderboardWatch"/>.</summary>
public sealed class LeaderboardWatcher : ReceiveActor
{
    public LeaderboardWatcher(LeaderboardWatch watch)
    {
        Receive<SubscribeAck>(_ => { });
        Receive<LeaderboardUpdated>(watch.Saw);
    }

    public static Props PropsFor(LeaderboardWatch watch) => Props.Create(() => new LeaderboardWatcher(watch));

    protected override void PreStart() =>
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(LeaderboardUpdated.Topic, Self));
}
