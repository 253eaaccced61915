using Akka.Actor;
using Akka.Event;

namespace Holler.Tracking;

/// <summary>
/// Checkpoint durability (<see cref="TrackerDurability.Checkpoint"/>): Kafka is the log. Batches are applied in memory
/// and acknowledged at once; the shard's whole state is saved now and then as a snapshot that holds the offset
/// watermarks it includes, and every acknowledgement says what is durable so the ingest commits no further. After a
/// crash the tracker comes back from its last checkpoint and Kafka redelivers the rest from the committed offsets.
/// See docs/architecture.md#snapshots-and-the-journal.
/// </summary>
public sealed partial class ShardTracker
{
    /// <summary>Per partition, the highest offset the shard has made durable (its last saved checkpoint, or its journal).</summary>
    private readonly Dictionary<int, long> _durable = new();

    /// <summary>The watermarks of the checkpoint being saved; null when none is.</summary>
    private Dictionary<int, long>? _checkpointing;

    /// <summary>The last checkpoint failed (the database is away): batches are refused until a retry succeeds, so the
    /// ingest holds back and Kafka keeps what is not durable.</summary>
    private bool _checkpointFailing;

    /// <summary>Asked to stop: stops once everything applied is in a saved checkpoint.</summary>
    private bool _stopping;

    /// <summary>Journal entries from before checkpoints (journal mode) are deleted once, behind the first checkpoint.</summary>
    private bool _journalCleaned;

    private static readonly TimeSpan CheckpointRetryDelay = TimeSpan.FromSeconds(1);

    private long DurableUpTo(int partition)
    {
        var durable = _settings.Durability == TrackerDurability.Checkpoint ? _durable : _state.Watermarks.Applied;
        return durable.TryGetValue(partition, out var offset) ? offset : -1;
    }

    private long AppliedUpTo(int partition) => _state.Watermarks.Applied.TryGetValue(partition, out var offset) ? offset : -1;

    private bool HasUndurable =>
        _state.Watermarks.Applied.Any(kv => !_durable.TryGetValue(kv.Key, out var durable) || durable != kv.Value);

    /// <summary>Everything recovered came from storage, so it is durable.</summary>
    private void MarkRecoveredDurable()
    {
        _durable.Clear();
        foreach (var (partition, offset) in _state.Watermarks.Applied) _durable[partition] = offset;
    }

    /// <summary>
    /// Refuses a batch, with the reply that says why, when applying it would be wrong: the last checkpoint failed, or
    /// this tracker lost events it had acknowledged (it came back from a checkpoint older than what the ingest sent
    /// before). Applying past such a gap would move the watermark over the lost events and skip them for good.
    /// </summary>
    private bool RefusesBatch(TrafficBatch batch)
    {
        if (_checkpointFailing)
        {
            Sender.Tell(new TrafficBatchNotDurable(batch.Shard, "checkpoint failed; retrying"));
            return true;
        }
        var applied = AppliedUpTo(batch.Partition);
        if (batch.PreviousOffset <= applied) return false;
        _log.Info("Shard {0} applied partition {1} up to {2}, but was sent up to {3} before: it lost what it had not " +
                  "checkpointed, so the ingest rewinds", _shardId, batch.Partition, applied, batch.PreviousOffset);
        Sender.Tell(new TrafficBatchBehind(batch.Shard, batch.Partition, applied));
        return true;
    }

    private void OnCheckpointRequest(CheckpointRequest request)
    {
        var lost = request.SentUpTo.Any(kv => AppliedUpTo(kv.Key) < kv.Value);
        if (!lost && request.Force && _settings.Durability == TrackerDurability.Checkpoint && _checkpointing is null
            && !_checkpointFailing && HasUndurable)
            TakeCheckpoint();
        var durable = new Dictionary<int, long>();
        foreach (var partition in request.SentUpTo.Keys) durable[partition] = DurableUpTo(partition);
        Sender.Tell(new ShardDurable(request.Shard, durable, lost));
    }

    /// <summary>Restores a saved snapshot: a checkpoint as trackers write it now (SS3), or a snapshot of the formats
    /// before (SS1, SS2).</summary>
    /// <returns>Whether it was one.</returns>
    private bool RestoreCheckpoint(object saved)
    {
        switch (saved)
        {
            case ShardCheckpoint checkpoint:
                _state.Restore(checkpoint, Now, _added);
                return true;
            case TrackerSnapshot snapshot:
                _state.Restore(snapshot, Now, _added);
                return true;
            default:
                return false;
        }
    }

    private void CheckpointIfDue()
    {
        if (_checkpointing is null && _settings.CheckpointDue(_eventsSinceSnapshot, _state.Count, TimeSpan.FromTicks(Now - _lastSnapshotTicks)))
            TakeCheckpoint();
    }

    /// <summary>Saves the whole state with the watermarks it includes. Nothing is journalled, so the sequence number
    /// stays put and each checkpoint replaces the last in one write: a crash mid-write leaves the previous one.</summary>
    private void TakeCheckpoint()
    {
        if (_checkpointing is not null) return;
        _checkpointing = new Dictionary<int, long>(_state.Watermarks.Applied);
        TakeSnapshot();
    }

    /// <returns>Whether the saved snapshot was a checkpoint (handled here).</returns>
    private bool CheckpointSaved()
    {
        if (_settings.Durability != TrackerDurability.Checkpoint) return false;
        _checkpointFailing = false;
        if (_checkpointing is { } saved)
        {
            _durable.Clear();
            foreach (var (partition, offset) in saved) _durable[partition] = offset;
            _checkpointing = null;
        }
        if (!_journalCleaned && LastSequenceNr > 0)
        {
            _journalCleaned = true;
            CleanUpTo(LastSequenceNr);
        }
        if (_stopping) StopAfterCheckpoint();
        return true;
    }

    /// <returns>Whether the failed snapshot was a checkpoint (handled here).</returns>
    private bool CheckpointFailed(Exception cause)
    {
        if (_settings.Durability != TrackerDurability.Checkpoint) return false;
        _checkpointing = null;
        if (_stopping)
        {
            // What was not checkpointed is not committed either: the next incarnation gets it from Kafka again.
            _log.Warning(cause, "Checkpoint of stopping shard {0} failed; Kafka redelivers what it held", _shardId);
            Context.Stop(Self);
            return true;
        }
        _log.Warning(cause, "Checkpoint of shard {0} failed; refusing batches until a retry succeeds", _shardId);
        _checkpointFailing = true;
        Timers.StartSingleTimer(RetryCheckpointKey, RetryCheckpoint.Instance, CheckpointRetryDelay);
        return true;
    }

    private void StopAfterCheckpoint()
    {
        _stopping = true;
        if (!HasUndurable && _checkpointing is null) Context.Stop(Self);
        else TakeCheckpoint();
    }

    private const string RetryCheckpointKey = "retry-checkpoint";

    private sealed class RetryCheckpoint
    {
        public static RetryCheckpoint Instance { get; } = new();
    }
}
