using Holler.Domain.Dimensions;
using Holler.Domain.Detection;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;

namespace Holler.Tracking;

/// <summary>How trackers learn, detect, persist and idle.</summary>
/// <param name="SnapshotEvery">Persisted batches between snapshots; a snapshot also lets older journal entries be deleted.
/// A shard also waits for at least as many events as it has businesses (<see cref="SnapshotDue"/>).</param>
/// <param name="MinSnapshotInterval">Least time between two snapshots of a shard (a snapshot holds every business of
/// the shard, so under heavy traffic the count alone would snapshot too often); default 10 s.</param>
/// <param name="QuietAfter">Processing time without events after which a surging business's window is slid forward
/// by the clock, so a surge ends when its traffic stops.</param>
/// <param name="Directory">Where a business is and what kind it is, for its time zone and the rhythm it shares; null
/// (tests, no catalog) keeps every business in UTC with one shared rhythm.</param>
/// <param name="Durability">Checkpoints tied to Kafka offsets (default) or a journal write per batch.</param>
/// <param name="Dimensions">Which businesses keep a breakdown of their traffic and when an error share surges; null for
/// the defaults.</param>
/// <param name="RecentEvents">Raw events kept for watched businesses; null for <see cref="RecentEventsSettings.Default"/>.</param>
public sealed record TrackerSettings(
    BaselineSettings Baseline,
    DetectorSettings Detector,
    int SnapshotEvery = 100,
    TimeSpan? TickInterval = null,
    TimeSpan? QuietAfter = null,
    TimeSpan? MinSnapshotInterval = null,
    BusinessDirectory? Directory = null,
    TrackerDurability Durability = TrackerDurability.Checkpoint,
    DimensionSettings? Dimensions = null,
    RecentEventsSettings? RecentEvents = null)
{
    public DimensionSettings Dims => Dimensions ?? DimensionSettings.Default;

    /// <summary>The model live businesses learn with, from <see cref="Baseline"/> and <see cref="Detector"/>.</summary>
    public ModelSettings Model => Baseline.ToModel(Detector);

    public static TrackerSettings Default { get; } = new(BaselineSettings.Default, DetectorSettings.Default);

    public TimeSpan Tick => TickInterval ?? TimeSpan.FromSeconds(1);
    public TimeSpan Quiet => QuietAfter ?? TimeSpan.FromSeconds(2);
    public TimeSpan SnapshotInterval => MinSnapshotInterval ?? TimeSpan.FromSeconds(10);
    public RecentEventsSettings Recent => RecentEvents ?? RecentEventsSettings.Default;

    /// <summary>
    /// Whether a shard tracker should snapshot now. A snapshot writes every business of the shard, so besides
    /// <see cref="SnapshotEvery"/> batches and <see cref="SnapshotInterval"/> it waits for at least as many events as
    /// the shard has businesses: its cost stays at most one business per event however many businesses a shard holds
    /// (with a million businesses, snapshots every 10 s cost more than the traffic), and a recovery never replays more
    /// events than a snapshot would have businesses.
    /// </summary>
    public bool SnapshotDue(int batchesSince, long eventsSince, int businesses, TimeSpan sinceLast) =>
        batchesSince >= SnapshotEvery && eventsSince >= businesses && sinceLast >= SnapshotInterval;

    /// <summary>
    /// Whether a tracker in <see cref="TrackerDurability.Checkpoint"/> mode should save a checkpoint now, on its own: at
    /// least <see cref="SnapshotInterval"/> since the last and as many events as the shard has businesses (so a
    /// checkpoint costs at most one business written per event). The ingest asks for one sooner when a partition's
    /// uncommitted bytes grow or the stream goes idle (see docs/architecture.md#snapshots-and-the-journal).
    /// </summary>
    public bool CheckpointDue(long eventsSince, int businesses, TimeSpan sinceLast) =>
        eventsSince > 0 && eventsSince >= businesses && sinceLast >= SnapshotInterval;
}
