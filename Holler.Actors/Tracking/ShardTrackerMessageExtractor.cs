using Akka.Cluster.Sharding;

namespace Holler.Tracking;

/// <summary>
/// One tracker entity per shard: a business's messages go to the tracker of <see cref="TrackerShards.ShardOf"/>, and
/// the entity id is the shard id. Fewer, larger entities are what let one node apply hundreds of thousands of events a
/// second: one message, one journal write and one recovery per shard rather than per business.
/// </summary>
public sealed class ShardTrackerMessageExtractor(int shards) : IMessageExtractor
{
    public int Shards => shards;

    public string? EntityId(object message) => message switch
    {
        IShardTrackerMessage m => TrackerShards.EntityIdOf(m.Shard),
        ITrackerMessage m => TrackerShards.EntityIdOf(TrackerShards.ShardOf(m.BusinessId, shards)),
        _ => null,
    };

    public object? EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message);

    public string ShardId(string entityId, object? messageHint = null) => entityId;
}
