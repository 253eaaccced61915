namespace Holler.Domain.Traffic;

/// <summary>
/// Per Kafka partition, the highest offset a business has applied. Kafka delivers at least once; skipping what is
/// at or below the watermark makes the counts effectively once.
/// </summary>
public sealed class OffsetWatermarks
{
    private readonly Dictionary<int, long> _applied = new();

    public IReadOnlyDictionary<int, long> Applied => _applied;

    /// <summary>
    /// Index of the first offset in <paramref name="ascendingOffsets"/> not yet applied. A partition whose log ends at or
    /// below the watermark, in a batch that brings events newer than any applied, has been recreated (a new broker starts
    /// every log at 0 again): then everything is new and <paramref name="recreated"/> tells the caller to
    /// <see cref="Reset"/> the partition when it applies the batch. Nothing changes here, so a caller can decide, make the
    /// decision durable, then apply it.
    /// </summary>
    /// <param name="logEndOffset">The partition's log-end offset as the consumer last saw it; negative when unknown.</param>
    /// <param name="bringsNewerEvents">Whether the batch holds an event later than every event applied so far.</param>
    public int FirstUnapplied(int partition, ReadOnlySpan<long> ascendingOffsets, long logEndOffset, bool bringsNewerEvents,
        out bool recreated)
    {
        var watermark = WatermarkFor(partition, logEndOffset, bringsNewerEvents, out recreated);
        var index = 0;
        while (index < ascendingOffsets.Length && ascendingOffsets[index] <= watermark) index++;
        return index;
    }

    /// <summary>
    /// The offset at or below which a batch's events are already applied: -1 when nothing was applied from the
    /// partition, or when its log was recreated (<paramref name="recreated"/>). Test every offset against it: after a
    /// rebalance a consumer re-fetches from the committed offset, so one batch can hold offsets that are not ascending.
    /// </summary>
    /// <remarks>
    /// A log end at or below the watermark is not proof enough on its own: a batch consumed before its partition moved
    /// to another node can arrive (re-sent, or held up in a shard hand-off) after the new owner took the watermark past
    /// the log end it saw then. Such a stale batch holds only events applied before, none later than every applied
    /// event; a recreated log is being written now, so it does bring later ones. Without them the batch is taken for a
    /// redelivery: never counted twice. (A recreated log replaying only old events is then skipped until its offsets
    /// pass the watermark.)
    /// </remarks>
    public long WatermarkFor(int partition, long logEndOffset, bool bringsNewerEvents, out bool recreated)
    {
        recreated = false;
        if (!_applied.TryGetValue(partition, out var watermark)) return -1;
        if (logEndOffset >= 0 && logEndOffset <= watermark && bringsNewerEvents)
        {
            recreated = true;
            return -1;
        }
        return watermark;
    }

    public void MarkApplied(int partition, long offset)
    {
        if (!_applied.TryGetValue(partition, out var current) || offset > current) _applied[partition] = offset;
    }

    /// <summary>Forgets a partition, as when its log was recreated.</summary>
    public void Reset(int partition) => _applied.Remove(partition);

    public void Restore(IEnumerable<KeyValuePair<int, long>> applied)
    {
        _applied.Clear();
        foreach (var (partition, offset) in applied) _applied[partition] = offset;
    }
}
