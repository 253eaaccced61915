using Akka.Cluster.Sharding;

namespace Holler.Tracking;

/// <summary>Routes tracker messages by business id: the entity id is the business id, the shard its stable hash.</summary>
public sealed class BusinessMessageExtractor(int maxShards) : HashCodeMessageExtractor(maxShards)
{
    public override string? EntityId(object message) => message switch
    {
        ITrackerMessage m => m.BusinessId,
        _ => null,
    };
}
