using Akka.Actor;
using Akka.Hosting;
using Holler.Alerts;
using Holler.Alerts.Delivery;
using Holler.Domain;
using Holler.Ingest;
using Holler.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Holler.Host.Operator;

/// <summary>
/// This node's Prometheus metrics, in a registry of its own: prometheus-net's default registry is process-wide, and
/// tests host several nodes in one process. Counters mirror the pipeline's own thread-safe totals just before each
/// scrape, so the hot path pays nothing for Prometheus; only tracker write latencies are observed as they happen.
/// The README's "Metrics" section lists every series.
/// </summary>
public sealed class NodeMetrics
{
    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly IngestMetrics _ingest;
    private readonly TrackerMetrics _trackers;
    private readonly LeaderboardWatch _leaderboard;
    private readonly AlertMetrics _alerts;
    private readonly DeliveryMetrics _delivery;
    private readonly IServiceProvider _services;

    private readonly Counter _consumed, _accepted, _applied, _duplicates, _rejected, _redeliveries;
    private readonly Gauge _lag, _committed, _logEnd;
    private readonly Gauge _activeTrackers, _trackedBusinesses, _activeSurges;
    private readonly Counter _surgesStarted, _publications;
    private readonly Counter _alertsFired, _alertsResolved, _notifications;
    private readonly HashSet<string> _partitions = [];

    public NodeMetrics(IngestMetrics ingest, TrackerMetrics trackers, LeaderboardWatch leaderboard, AlertMetrics alerts, DeliveryMetrics delivery,
        IServiceProvider services)
    {
        _alerts = alerts;
        _delivery = delivery;
        _ingest = ingest;
        _trackers = trackers;
        _leaderboard = leaderboard;
        _services = services;
        Registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        var f = Metrics.WithCustomRegistry(Registry);

        _consumed = f.CreateCounter("holler_events_consumed_total", "Kafka records this node's ingest read (events in).");
        _accepted = f.CreateCounter("holler_events_accepted_total", "Records that parsed into events.");
        _applied = f.CreateCounter("holler_events_applied_total", "Events trackers applied for the first time, durably.");
        _duplicates = f.CreateCounter("holler_events_duplicate_total", "Redelivered events trackers had already applied (skipped by offset watermark).");
        _rejected = f.CreateCounter("holler_events_rejected_total", "Records rejected, by reason.", "reason");
        _redeliveries = f.CreateCounter("holler_ingest_redeliveries_total", "Tracker batches re-sent after a missing acknowledgement.");
        _lag = f.CreateGauge("holler_ingest_consumer_lag", "Records a partition holds beyond what this node committed.", "partition");
        _committed = f.CreateGauge("holler_ingest_committed_offset", "Committed next offset, per partition this node consumes.", "partition");
        _logEnd = f.CreateGauge("holler_ingest_log_end_offset", "Log-end offset (high watermark) as last seen, per partition.", "partition");
        _activeTrackers = f.CreateGauge("holler_trackers_active", "Shard trackers alive on this node (each holds many businesses).");
        _trackedBusinesses = f.CreateGauge("holler_businesses_tracked", "Businesses held by this node's shard trackers.");
        _surgesStarted = f.CreateCounter("holler_surges_started_total", "Surges this node's trackers detected.");
        _activeSurges = f.CreateGauge("holler_surges_active", "Businesses surging cluster-wide, as of the last leaderboard publication.");
        _publications = f.CreateCounter("holler_leaderboard_publications_total", "Leaderboard publications received by this node.");
        // Alerts are decided and delivered by the alerts singleton on the oldest tracker node: only that node counts them.
        _alertsFired = f.CreateCounter("holler_alerts_fired_total", "Alerts this node's alerts singleton fired (pending to firing).");
        _alertsResolved = f.CreateCounter("holler_alerts_resolved_total", "Alerts this node's alerts singleton resolved (pending ones included).");
        _notifications = f.CreateCounter("holler_alert_notifications_total",
            "Alert notification sends by this node's outbox, per channel and outcome (delivered, failed attempt, dead_lettered).", "channel", "outcome");
        var journal = f.CreateHistogram("holler_tracker_journal_write_seconds", "Tracker journal writes, from Persist to confirmation.",
            new HistogramConfiguration { Buckets = LatencyBuckets });
        var snapshot = f.CreateHistogram("holler_tracker_snapshot_seconds", "Tracker snapshots, from request to confirmation.",
            new HistogramConfiguration { Buckets = LatencyBuckets });
        trackers.JournalWriteObserved = elapsed => journal.Observe(elapsed.TotalSeconds);
        trackers.SnapshotObserved = elapsed => snapshot.Observe(elapsed.TotalSeconds);

        // Every reason from the start, so a dashboard's query has a series before the first reject.
        foreach (var reason in Enum.GetValues<RejectReason>()) _rejected.WithLabels(reason.ToString());
        Registry.AddBeforeCollectCallback(UpdateAsync);
    }

    public CollectorRegistry Registry { get; }

    private async Task UpdateAsync(CancellationToken token)
    {
        _consumed.IncTo(_ingest.Consumed);
        _accepted.IncTo(_ingest.Accepted);
        _applied.IncTo(_ingest.Applied);
        _duplicates.IncTo(_ingest.Duplicates);
        _redeliveries.IncTo(_ingest.Redeliveries);
        foreach (var (reason, count) in _ingest.Rejected.Snapshot()) _rejected.WithLabels(reason.ToString()).IncTo(count);
        _activeTrackers.Set(_trackers.Active);
        _trackedBusinesses.Set(_trackers.Businesses);
        _surgesStarted.IncTo(_trackers.SurgesStarted);
        _activeSurges.Set(_leaderboard.Surging);
        _publications.IncTo(_leaderboard.Publications);
        _alertsFired.IncTo(_alerts.Fired);
        _alertsResolved.IncTo(_alerts.Resolved);
        foreach (var (channel, outcome, count) in _delivery.All()) _notifications.WithLabels(channel, OutcomeLabel(outcome)).IncTo(count);
        await UpdatePartitionsAsync(token);
    }

    private static string OutcomeLabel(DeliveryOutcome outcome) => outcome switch
    {
        DeliveryOutcome.Delivered => "delivered",
        DeliveryOutcome.Failed => "failed",
        DeliveryOutcome.DeadLettered => "dead_lettered",
        DeliveryOutcome.Redriven => "redriven",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    private async Task UpdatePartitionsAsync(CancellationToken token)
    {
        var registry = _services.GetService<IActorRegistry>();
        if (registry is null || !registry.TryGet<IngestActor>(out var ingest)) return;
        IngestStatus status;
        try { status = await ingest.Ask<IngestStatus>(GetIngestStatus.Instance, TimeSpan.FromSeconds(2), token); }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException) { return; }

        lock (_partitions) Publish(status);
    }

    private void Publish(IngestStatus status)
    {
        var seen = new HashSet<string>();
        foreach (var partition in status.Committed.Keys.Union(status.LogEnd.Keys))
        {
            var label = partition.ToString(System.Globalization.CultureInfo.InvariantCulture);
            seen.Add(label);
            var committed = status.Committed.GetValueOrDefault(partition, -1);
            var logEnd = status.LogEnd.GetValueOrDefault(partition, -1);
            if (committed >= 0) _committed.WithLabels(label).Set(committed);
            if (logEnd >= 0) _logEnd.WithLabels(label).Set(logEnd);
            if (committed >= 0 && logEnd >= 0) _lag.WithLabels(label).Set(Math.Max(0, logEnd - committed));
        }
        // A partition that moved to another node is that node's to report.
        foreach (var gone in _partitions.Except(seen).ToList())
        {
            _lag.RemoveLabelled(gone);
            _committed.RemoveLabelled(gone);
            _logEnd.RemoveLabelled(gone);
            _partitions.Remove(gone);
        }
        _partitions.UnionWith(seen);
    }
}
