using Holler.Tracking;

namespace Holler.Ingest;

/// <summary>
/// What one run of the ingest stream sent each tracker shard and what the shards say is durable, so that a partition's
/// offset is committed only up to what every shard it fed has made durable (see docs/architecture.md#guarantees).
/// Pure and single-threaded: the stream's delivery stage is its only user. A new run (after a restart, which re-reads
/// from the committed offsets) starts a new ledger.
/// </summary>
public sealed class DurabilityLedger
{
    private readonly CheckpointTriggers _triggers;

    private readonly Dictionary<int, long> _lastForced = new();

    /// <param name="triggers">When to ask shards for a checkpoint sooner; <see cref="CheckpointTriggers.Default"/> if null.</param>
    public DurabilityLedger(CheckpointTriggers? triggers = null) => _triggers = triggers ?? CheckpointTriggers.Default;

    private readonly Dictionary<(int Shard, int Partition), Pending> _pending = new();
    private readonly Dictionary<int, long> _consumed = new();
    private readonly Dictionary<int, long> _committed = new();
    private readonly Dictionary<int, Bytes> _bytes = new();

    /// <summary>The last offset of the last batch sent to a shard from a partition in this run; -1 for none.</summary>
    public long PreviousOffset(int shard, int partition) =>
        _pending.TryGetValue((shard, partition), out var p) ? p.SentUpTo : -1;

    /// <summary>Notes a tracker batch as sent (before it is), to be cleared once its shard says it is durable.</summary>
    public void Sent(TrafficBatch batch, long nowTicks)
    {
        long first = long.MaxValue, last = long.MinValue;
        foreach (var offset in batch.Offsets)
        {
            first = Math.Min(first, offset);
            last = Math.Max(last, offset);
        }
        if (batch.Offsets.Length == 0) return;
        if (!_pending.TryGetValue((batch.Shard, batch.Partition), out var pending))
            _pending[(batch.Shard, batch.Partition)] = pending = new Pending();
        pending.Add(first, last, nowTicks);
    }

    /// <summary>A shard says what it has made durable from a partition: batches at or below that are done.</summary>
    public void Durable(int shard, int partition, long durableUpTo)
    {
        if (_pending.TryGetValue((shard, partition), out var pending)) pending.DurableUpTo(durableUpTo);
    }

    /// <summary>A micro-batch was consumed: per partition the next offset and the bytes it held.</summary>
    public void Consumed(IReadOnlyDictionary<int, long> nextOffsets, IReadOnlyDictionary<int, long> bytes)
    {
        foreach (var (partition, next) in nextOffsets)
        {
            if (!_consumed.TryGetValue(partition, out var current) || next > current) _consumed[partition] = next;
            if (!_bytes.TryGetValue(partition, out var b)) _bytes[partition] = b = new Bytes();
            b.Add(next, bytes.GetValueOrDefault(partition));
        }
    }

    /// <summary>Per partition, the next offset to commit where it moved since the last call: the consumed end, held
    /// back to the first offset any shard has not made durable yet.</summary>
    public IReadOnlyDictionary<int, long> TakeCommits()
    {
        var floor = new Dictionary<int, long>();
        foreach (var ((_, partition), pending) in _pending)
            if (pending.Floor is { } first && (!floor.TryGetValue(partition, out var f) || first < f)) floor[partition] = first;
        var commits = new Dictionary<int, long>();
        foreach (var (partition, consumed) in _consumed)
        {
            var next = floor.TryGetValue(partition, out var f) ? Math.Min(f, consumed) : consumed;
            if (_committed.TryGetValue(partition, out var done) && next <= done) continue;
            _committed[partition] = next;
            commits[partition] = next;
            _bytes[partition].CommittedTo(next);
        }
        return commits;
    }

    /// <summary>Whether anything sent is not durable yet.</summary>
    public bool AnyPending => _pending.Values.Any(p => p.Floor is not null);

    /// <summary>
    /// Shards with batches not durable yet, each with what was sent it per partition and whether to ask it for a
    /// checkpoint now: when the stream is idle (nothing else would trigger one), when a partition it holds back has
    /// <see cref="CheckpointTriggers.Bytes"/> uncommitted, or when its oldest batch has waited
    /// <see cref="CheckpointTriggers.MaxDelay"/>; while busy, one shard at most every <see cref="CheckpointTriggers.MinInterval"/>.
    /// </summary>
    public IReadOnlyList<CheckpointRequest> Requests(bool idle, long nowTicks)
    {
        var requests = new Dictionary<int, (Dictionary<int, long> Sent, bool Force)>();
        foreach (var ((shard, partition), pending) in _pending)
        {
            if (pending.Floor is null) continue;
            var force = idle
                        || (_bytes.TryGetValue(partition, out var b) && b.Uncommitted >= _triggers.Bytes)
                        || TimeSpan.FromTicks(nowTicks - pending.OldestTicks) >= _triggers.MaxDelay;
            if (force && !idle && _lastForced.TryGetValue(shard, out var last) && TimeSpan.FromTicks(nowTicks - last) < _triggers.MinInterval)
                force = false;
            if (!requests.TryGetValue(shard, out var r)) requests[shard] = r = (new Dictionary<int, long>(), false);
            r.Sent[partition] = pending.SentUpTo;
            requests[shard] = (r.Sent, r.Force || force);
        }
        foreach (var (shard, r) in requests)
            if (r.Force) _lastForced[shard] = nowTicks;
        return requests.Select(kv => new CheckpointRequest(kv.Key, kv.Value.Force, kv.Value.Sent)).ToList();
    }

    /// <summary>The batches one shard holds from one partition that are not durable yet.</summary>
    private sealed class Pending
    {
        private readonly List<(long First, long Last, long SentTicks)> _batches = [];
        private long _durable = -1;

        public long SentUpTo { get; private set; } = -1;

        /// <summary>The first offset not durable; null when everything sent is.</summary>
        public long? Floor { get; private set; }

        public long OldestTicks { get; private set; }

        public void Add(long first, long last, long nowTicks)
        {
            SentUpTo = Math.Max(SentUpTo, last);
            if (last <= _durable) return;
            if (_batches.Count == 0) OldestTicks = nowTicks;
            _batches.Add((first, last, nowTicks));
            if (Floor is not { } floor || first < floor) Floor = first;
        }

        public void DurableUpTo(long offset)
        {
            if (offset <= _durable) return;
            _durable = offset;
            if (_batches.RemoveAll(b => b.Last <= offset) == 0) return;
            Floor = _batches.Count == 0 ? null : _batches.Min(b => b.First);
            OldestTicks = _batches.Count == 0 ? 0 : _batches.Min(b => b.SentTicks);
        }
    }

    /// <summary>A partition's consumed bytes, and how many of them are past the committed offset.</summary>
    private sealed class Bytes
    {
        private readonly Queue<(long Next, long Total)> _marks = new();
        private long _total;
        private long _committedTotal;

        public long Uncommitted => _total - _committedTotal;

        public void Add(long next, long bytes)
        {
            _total += bytes;
            _marks.Enqueue((next, _total));
        }

        public void CommittedTo(long next)
        {
            while (_marks.Count > 0 && _marks.Peek().Next <= next) _committedTotal = _marks.Dequeue().Total;
        }
    }
}
