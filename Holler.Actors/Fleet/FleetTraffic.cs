using Holler.Domain.Fleet;

namespace Holler.Fleet;

/// <summary>Marker for the fleet views' messages that cross the network; bound to <c>HollerSerializer</c>.</summary>
public interface IFleetProtocol;

/// <summary>
/// One ingest node's counts since its previous publication, per event second, published about once a second on
/// DistributedPubSub topic <see cref="Topic"/>; every web node's fleet view sums them over nodes.
/// </summary>
/// <param name="Node">The publishing node's cluster address.</param>
public sealed record FleetTraffic(string Node, IReadOnlyList<FleetSecond> Seconds) : IFleetProtocol
{
    public const string Topic = "fleet";
}
