namespace Holler.Alerts.Delivery;

/// <summary>
/// What the outbox knows durably, rebuilt from its snapshot and journal: notifications still owed to channels (in the
/// order they came), the dead letters (bounded, oldest dropped) and the keys of finished notifications (bounded) so a
/// repeat of one is ignored. Only events change it, so a replay rebuilds exactly what was there.
/// </summary>
internal sealed class OutboxState(int maxDeadLetters, int rememberDone)
{
    private readonly Dictionary<string, PendingNotification> _pending = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Queue<DeadLetter> _deadLetters = new();
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

    /// <summary>Newest first.</summary>
    public IReadOnlyList<DeadLetter> NewestDeadLetters(int limit) => _deadLetters.Reverse().Take(Math.Max(0, limit)).ToList();

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
                _deadLetters.Enqueue(d.Letter);
                while (_deadLetters.Count > maxDeadLetters) _deadLetters.Dequeue();
                Remove(d.Letter.Notification.IdempotencyKey, d.Letter.Channel);
                break;
            case OutboxSnapshot snapshot:
                Restore(snapshot);
                break;
        }
    }

    public OutboxSnapshot ToSnapshot() => new(Pending.ToList(), _deadLetters.ToList(), DeadLettered, _doneOrder.ToList());

    private void Restore(OutboxSnapshot s)
    {
        _pending.Clear(); _order.Clear(); _deadLetters.Clear(); _doneOrder.Clear(); _done.Clear();
        PendingDeliveries = 0;
        foreach (var p in s.Pending)
        {
            _pending[p.Notification.IdempotencyKey] = p;
            _order.Add(p.Notification.IdempotencyKey);
            PendingDeliveries += p.Channels.Count;
        }
        foreach (var d in s.DeadLetters.TakeLast(maxDeadLetters)) _deadLetters.Enqueue(d);
        foreach (var k in s.Done) Remember(k);
        DeadLettered = s.DeadLettered;
    }

    private void Remove(string key, string channel)
    {
        if (!_pending.TryGetValue(key, out var p) || !p.Channels.Contains(channel, StringComparer.Ordinal)) return;
        var left = p.Channels.Where(c => !string.Equals(c, channel, StringComparison.Ordinal)).ToList();
        PendingDeliveries--;
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
