namespace Holler.Ingest;

/// <summary>
/// When the ingest asks a shard for a checkpoint sooner than the shard would take one on its own (see
/// docs/architecture.md#snapshots-and-the-journal). Together they bound what a crash replays: a partition's committed
/// offset trails what was consumed by at most about <see cref="Bytes"/> (plus the second until the ingest's tick
/// notices), and no batch waits longer than <see cref="MaxDelay"/>.
/// </summary>
/// <param name="Bytes">Bytes of a partition consumed but not committed past which its shards are asked to checkpoint.</param>
/// <param name="MaxDelay">Longest a sent batch waits for a checkpoint before its shard is asked for one.</param>
/// <param name="MinInterval">Least time between two checkpoints one shard is asked for while the stream is busy.</param>
public sealed record CheckpointTriggers(long Bytes, TimeSpan MaxDelay, TimeSpan MinInterval)
{
    /// <summary>A fifth of what the embedded broker keeps per partition (~5 MB), so a restart always finds its records
    /// still there.</summary>
    public const long DefaultBytes = 1 << 20;

    /// <summary>A checkpoint writes the whole shard, so at high rates the bytes trigger alone would have every shard
    /// write itself every second.</summary>
    public static readonly TimeSpan DefaultMinInterval = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(30);

    public static CheckpointTriggers Default { get; } = new(DefaultBytes, DefaultMaxDelay, DefaultMinInterval);

    /// <summary>
    /// About how many bytes of one partition a crash makes the node read again, at most, while the partition receives
    /// <paramref name="bytesPerSecond"/>: what was consumed since its last commit. A partition's shards are asked for a
    /// checkpoint once it holds <see cref="Bytes"/> uncommitted or its oldest batch waited <see cref="MaxDelay"/>,
    /// but a busy shard at most every <see cref="MinInterval"/>; the ingest notices on its tick, and commits once the
    /// checkpoint is written. Trackers checkpointing on their own only make it less.
    /// </summary>
    /// <param name="tick">How often the ingest asks what is durable (<c>BatchDelivery.FlushInterval</c>).</param>
    /// <param name="checkpointWrite">How long a shard's checkpoint takes to be written.</param>
    public double ReplayBoundBytes(double bytesPerSecond, TimeSpan tick, TimeSpan checkpointWrite) =>
        bytesPerSecond <= 0 ? 0 : bytesPerSecond * ReplayBoundAge(bytesPerSecond, tick, checkpointWrite).TotalSeconds;

    /// <summary>The age of the oldest uncommitted record of a partition at most (see <see cref="ReplayBoundBytes"/>).</summary>
    public TimeSpan ReplayBoundAge(double bytesPerSecond, TimeSpan tick, TimeSpan checkpointWrite)
    {
        var untilBytes = bytesPerSecond <= 0 ? MaxDelay : TimeSpan.FromSeconds(Math.Min(Bytes / bytesPerSecond, MaxDelay.TotalSeconds));
        var untilAsked = untilBytes > MinInterval ? untilBytes : MinInterval;
        return untilAsked + tick + checkpointWrite;
    }
}
