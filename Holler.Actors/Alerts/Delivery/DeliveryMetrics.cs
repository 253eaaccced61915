using System.Collections.Concurrent;

namespace Holler.Alerts.Delivery;

/// <summary>What the outbox did per channel since the node started, readable from any thread (for /metrics and the
/// dashboard). One instance per node: tests host several nodes in one process, so nothing here is static.</summary>
public sealed class DeliveryMetrics
{
    private readonly ConcurrentDictionary<(string Channel, DeliveryOutcome Outcome), long> _counts = new();

    public long Count(string channel, DeliveryOutcome outcome) => _counts.GetValueOrDefault((channel, outcome));

    /// <summary>Every (channel, outcome) counted so far.</summary>
    public IReadOnlyList<(string Channel, DeliveryOutcome Outcome, long Count)> All() =>
        _counts.Select(kv => (kv.Key.Channel, kv.Key.Outcome, kv.Value)).OrderBy(c => c.Channel).ThenBy(c => c.Outcome).ToList();

    internal void Add(string channel, DeliveryOutcome outcome) =>
        _counts.AddOrUpdate((channel, outcome), 1, static (_, n) => n + 1);
}

public enum DeliveryOutcome
{
    /// <summary>A receiver accepted a notification.</summary>
    Delivered,
    /// <summary>One attempt failed (it may be retried).</summary>
    Failed,
    /// <summary>A delivery was given up.</summary>
    DeadLettered,
    /// <summary>An operator re-drove a dead letter: it is pending again.</summary>
    Redriven,
}
