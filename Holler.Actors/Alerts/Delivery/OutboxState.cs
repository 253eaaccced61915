namespace Holler.Alerts.Delivery;

/// <summary>
/// What the outbox knows durably, rebuilt from its snapshot and journal: notifications still owed to channels (in the
/// order they came), the dead letters (bounded, oldest dropped), the retry periods of re-driven deliveries, and the keys
/// of finished notifications (bounded) so a repeat of one is ignored. Only events change it, so a replay rebuilds
/// exactly what was there.
/// </summary>
internal sealed class OutboxState(int maxDeadLetters, int rememberDone)
{
    private readonly Dictionary<string, PendingNotification> _pending = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    /// <summary>Oldest first. A list, not a queue: a re-drive takes letters from anywhere in it.</summary>
    private readonly List<DeadLetter> _deadLetters = [];
    private readonly Dictionary<(string Key, string Channel), long> _retryFrom = new();
    private readonly Queue<string> _doneOrder = new();
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);

    public long DeadLettered { get; private set; }

    /// <summary>Deliveries (notification × channel) still owed.</summary>
    public int PendingDeliveries { get; private set; }

    public IEnumerable<PendingNotification> Pending => _order.Select(k => _pending[k]);

    public PendingNotification? Find(string key) => _pending.GetValueOrDefault(key);

    public bool Knows(string key) => _pending.ContainsKey(key) || _done.Contains(key);

    public bool IsPending(string key, string channel) =>
        _pending.TryGetValue(key, out var p) && p.Channels.Contains(channel, StringComparer.Ordinal);

    /// <summary>When the delivery's retry period began: its re-drive, or else the notification's acceptance.</summary>
    public long RetryFrom(PendingNotification pending, string channel) =>
        _retryFrom.TryGetValue((pending.Notification.IdempotencyKey, channel), out var from) ? from : pending.AcceptedAtMs;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<DeadLetter> NewestDeadLetters(int limit) =>
        Enumerable.Reverse(_deadLetters).Take(Math.Max(0, limit)).ToList();

    /// <summary>The dead letters a re-drive would take, oldest first, at most <paramref name="limit"/>; and how many
    /// match in all.</summary>
    public (IReadOnlyList<DeadLetter> Taken, int Matching) Match(string? channel, string? ruleId, int limit)
    {
        var matching = _deadLetters.Where(d =>
            (channel is null || string.Equals(d.Channel, channel, StringComparison.OrdinalIgnoreCase))
            && (ruleId is null || string.Equals(d.Notification.RuleId, ruleId, StringComparison.Ordinal))).ToList();
        return (matching.Take(Math.Max(0, limit)).ToList(), matching.Count);
    }

    public DeadLetter? DeadLetter(string id) => _deadLetters.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));

    public void Apply(IAlertDeliveryPersisted e)
    {
        switch (e)
        {
            case OutboxQueued q:
                var key = q.Notification.IdempotencyKey;
                if (Knows(key)) return;
                var channels = q.Notification.Channels.Distinct(StringComparer.Ordinal).ToList();
                _pending[key] = new PendingNotification(q.Notification, q.AcceptedAtMs, channels);
                _order.Add(key);
                PendingDeliveries += channels.Count;
                if (channels.Count == 0) Finish(key);
                break;
            case DeliverySucceeded s:
                Remove(s.IdempotencyKey, s.Channel);
                break;
            case DeliveryDeadLettered d:
                DeadLettered++;
                // One letter per delivery: a key forgotten from the done set and queued again may come back here.
                _deadLetters.RemoveAll(l => l.Id == d.Letter.Id);
                _deadLetters.Add(d.Letter);
                if (_deadLetters.Count > maxDeadLetters) _deadLetters.RemoveRange(0, _deadLetters.Count - maxDeadLetters);
                Remove(d.Letter.Notification.IdempotencyKey, d.Letter.Channel);
                break;
            case DeliveriesRedriven r:
                Redrive(r);
                break;
            case OutboxSnapshot snapshot:
                Restore(snapshot);
                break;
        }
    }

    public OutboxSnapshot ToSnapshot() => new(Pending.ToList(), _deadLetters.ToList(), DeadLettered, _doneOrder.ToList(),
        _retryFrom.Select(kv => new RetryPeriod(kv.Key.Key, kv.Key.Channel, kv.Value)).ToList());

    /// <summary>Each named dead letter still kept becomes a pending delivery again; one no longer kept (dropped as the
    /// oldest since) is skipped, which is what the outbox saw when it persisted the event.</summary>
    private void Redrive(DeliveriesRedriven r)
    {
        var wanted = r.Deliveries.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var letters = _deadLetters.Where(d => wanted.Contains(d.Id)).ToList();
        _deadLetters.RemoveAll(d => wanted.Contains(d.Id));
        foreach (var letter in letters)
        {
            var key = letter.Notification.IdempotencyKey;
            if (_pending.TryGetValue(key, out var p))
            {
                if (p.Channels.Contains(letter.Channel, StringComparer.Ordinal)) continue;
                _pending[key] = p with { Channels = [.. p.Channels, letter.Channel] };
            }
            else
            {
                // Finished before: pending again under the same key (it stays in the done set, which only ignores repeats).
                _pending[key] = new PendingNotification(letter.Notification, r.AtMs, [letter.Channel]);
                _order.Add(key);
            }
            _retryFrom[(key, letter.Channel)] = r.AtMs;
            PendingDeliveries++;
        }
    }

    private void Restore(OutboxSnapshot s)
    {
        _pending.Clear(); _order.Clear(); _deadLetters.Clear(); _doneOrder.Clear(); _done.Clear(); _retryFrom.Clear();
        PendingDeliveries = 0;
        foreach (var p in s.Pending)
        {
            _pending[p.Notification.IdempotencyKey] = p;
            _order.Add(p.Notification.IdempotencyKey);
            PendingDeliveries += p.Channels.Count;
        }
        _deadLetters.AddRange(s.DeadLetters.TakeLast(maxDeadLetters));
        foreach (var k in s.Done) Remember(k);
        foreach (var period in s.Redriven ?? []) _retryFrom[(period.IdempotencyKey, period.Channel)] = period.FromMs;
        DeadLettered = s.DeadLettered;
    }

    private void Remove(string key, string channel)
    {
        if (!_pending.TryGetValue(key, out var p) || !p.Channels.Contains(channel, StringComparer.Ordinal)) return;
        var left = p.Channels.Where(c => !string.Equals(c, channel, StringComparison.Ordinal)).ToList();
        PendingDeliveries--;
        _retryFrom.Remove((key, channel));
        _pending[key] = p with { Channels = left };
        if (left.Count == 0) Finish(key);
    }

    private void Finish(string key)
    {
        _pending.Remove(key);
        _order.Remove(key);
        Remember(key);
    }

    private void Remember(string key)
    {
        if (!_done.Add(key)) return;
        _doneOrder.Enqueue(key);
        while (_doneOrder.Count > rememberDone) _done.Remove(_doneOrder.Dequeue());
    }
}
