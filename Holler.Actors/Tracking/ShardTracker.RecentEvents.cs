using Akka.Actor;

namespace Holler.Tracking;

/// <summary>The shard's recent-events lists (see docs/dimensions.md#recent-events): kept in memory only, never in the
/// journal or a checkpoint, so after a restart or a move every list starts empty.</summary>
public sealed partial class ShardTracker
{
    private RecentEventsKeeper? _recent;

    private RecentEventsKeeper Recent =>
        _recent ??= new RecentEventsKeeper(_settings.Recent, id => _state.Find(id)?.Traffic.Detector.IsSurging == true);

    /// <summary>
    /// Called with every batch that brings new events, before they are applied (the watermark is still the one they
    /// were judged against). Costs one test per batch while no business of the shard is watched.
    /// </summary>
    private void RememberRecent(TrafficBatch batch, TrafficRecorded recorded)
    {
        if (!_settings.Recent.Enabled) return;
        // A surge is held from the batch after the one that started it: the list is for reading, not for proof.
        foreach (var business in _surging) Recent.Hold(business.Id);
        if (Recent.Count == 0) return;
        var watermark = recorded.PartitionReset ? -1 : _state.Watermarks.Applied.GetValueOrDefault(batch.Partition, -1);
        Recent.Record(batch, watermark, Now);
    }

    private void OnGetRecentEvents(GetRecentEvents query) => Sender.Tell(Recent.View(query, Now));
}
