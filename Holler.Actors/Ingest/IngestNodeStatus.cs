namespace Holler.Ingest;

/// <summary>Marker for messages about ingest that cross the network; bound to <c>HollerSerializer</c>.</summary>
public interface IIngestProtocol;

/// <summary>
/// One ingest node's progress, published every couple of seconds on DistributedPubSub topic <see cref="Topic"/> so a
/// web node anywhere in the cluster can show the pipeline's health. Rates are over the last thirty seconds or so.
/// </summary>
/// <param name="Node">The publishing node's cluster address.</param>
/// <param name="Lag">Records the node's partitions hold beyond what it committed (sum over its partitions).</param>
/// <param name="Partitions">Partitions the node consumes now.</param>
public sealed record IngestNodeStatus(
    string Node, long AtMs, long Consumed, long Applied, long Rejected, long Lag, int Partitions,
    double ConsumedPerSecond, double AppliedPerSecond) : IIngestProtocol
{
    public const string Topic = "ingest-status";
}
