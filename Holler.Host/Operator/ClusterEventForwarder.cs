using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;
using Holler.Host.Operator.Api;

namespace Holler.Host.Operator;

/// <summary>
/// One per <c>holler cluster tail</c> connection: subscribes to membership and reachability events (the current state
/// first, as events) and writes them to the connection's channel. Stopped when the connection ends.
/// </summary>
public sealed class ClusterEventForwarder : ReceiveActor
{
    private readonly ChannelWriter<ClusterEventView> _out;

    public ClusterEventForwarder(ChannelWriter<ClusterEventView> output)
    {
        _out = output;
        Receive<ClusterEvent.IMemberEvent>(e => Write(e.GetType().Name, e.Member));
        Receive<ClusterEvent.UnreachableMember>(e => Write(nameof(ClusterEvent.UnreachableMember), e.Member));
        Receive<ClusterEvent.ReachableMember>(e => Write(nameof(ClusterEvent.ReachableMember), e.Member));
        Receive<ClusterEvent.LeaderChanged>(e =>
            _out.TryWrite(new ClusterEventView(DateTimeOffset.UtcNow, "leader-changed", e.Leader?.ToString() ?? "", [], "")));
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
    }

    public static Props PropsFor(ChannelWriter<ClusterEventView> output) => Props.Create(() => new ClusterEventForwarder(output));

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.LeaderChanged));

    protected override void PostStop()
    {
        Cluster.Get(Context.System).Unsubscribe(Self);
        _out.TryComplete();
    }

    private void Write(string typeName, Member member) =>
        _out.TryWrite(new ClusterEventView(DateTimeOffset.UtcNow, Names.Kebab(typeName), member.Address.ToString(),
            member.Roles.OrderBy(r => r, StringComparer.Ordinal).ToList(), Names.Status(member.Status)));
}
