namespace Holler.Tracking;

/// <summary>
/// A shard tracker's whole state as the bytes of checkpoint format SS3 (<see cref="ShardState.ToCheckpoint"/>), written
/// by the tracker on its own thread straight from its live state, and read back the same way
/// (<see cref="ShardState.Restore(ShardCheckpoint, long, Action{TrackedBusiness})"/>). The serializer stores the bytes
/// as they are: writing them elsewhere, later, would see the state changed by the batches applied meanwhile.
/// </summary>
/// <remarks>Replaces <see cref="TrackerSnapshot"/> (SS2) as what trackers save: that built a state object per business
/// (~700 B each) and then serialised it, copying a shard twice per checkpoint. SS1 and SS2 are still read.</remarks>
public sealed record ShardCheckpoint(byte[] Bytes) : ITrackerPersisted;
