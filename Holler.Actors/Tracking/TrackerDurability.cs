namespace Holler.Tracking;

/// <summary>How a shard tracker makes what it applied durable (see docs/architecture.md#guarantees).</summary>
public enum TrackerDurability
{
    /// <summary>Kafka is the log: batches are applied in memory and acknowledged at once; the shard's whole state is
    /// saved now and then as a checkpoint holding the offsets it includes, and the ingest commits only up to those.</summary>
    Checkpoint,

    /// <summary>One journal write per shard and micro-batch, acknowledged once written; snapshots only shorten replays.</summary>
    Journal,
}
