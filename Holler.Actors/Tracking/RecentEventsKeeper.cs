using System.Buffers;
using Holler.Domain;

namespace Holler.Tracking;

/// <summary>
/// One shard's recent-events lists (see docs/dimensions.md#recent-events): a <see cref="RecentEvents"/> ring for each
/// business being watched, that is surging or looked at within its lease, and none for any other. At most
/// <see cref="RecentEventsSettings.MaxBusinesses"/> rings; nothing here is persisted.
/// </summary>
/// <param name="isSurging">Whether a business of the shard is in a surge (or drop) now.</param>
public sealed class RecentEventsKeeper(RecentEventsSettings settings, Func<string, bool> isSurging)
{
    /// <summary>How often lapsed leases are looked for: a ring outliving its lease by this much costs nothing.</summary>
    private static readonly long SweepEveryTicks = TimeSpan.FromSeconds(10).Ticks;

    /// <summary>Distinct strings kept for sharing; past this, values are held as they came.</summary>
    private const int MaxInterned = 4096;

    private readonly Dictionary<string, Watched> _watched = new(StringComparer.Ordinal);

    /// <summary>
    /// A batch from another node brings its own copy of every string; the same path in a hundred batches would be a
    /// hundred strings held by the rings. One instance per value keeps a ring at the size of its structs.
    /// </summary>
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private long _nextSweepTicks;

    public int Count => _watched.Count;

    /// <summary>Keeps events for a business that is surging (a no-op when they are kept already or there is no room).</summary>
    public void Hold(string businessId)
    {
        if (!settings.Enabled || _watched.ContainsKey(businessId)) return;
        if (MakeRoom()) _watched[businessId] = new Watched(new RecentEvents(settings.PerBusiness));
    }

    /// <summary>Answers a query and extends the business's lease (starting one, with an empty list, if it had none).</summary>
    public RecentEventsPage View(GetRecentEvents query, long nowTicks)
    {
        var id = query.BusinessId;
        if (!settings.Enabled) return new RecentEventsPage(id, RecentEventsWatch.Off, 0, 0, []);
        Sweep(nowTicks);
        if (!_watched.TryGetValue(id, out var watched))
        {
            if (!MakeRoom()) return new RecentEventsPage(id, RecentEventsWatch.Full, 0, 0, []);
            _watched[id] = watched = new Watched(new RecentEvents(settings.PerBusiness));
        }
        watched.LeaseUntilTicks = Math.Max(watched.LeaseUntilTicks, nowTicks + settings.Lease.Ticks);
        var max = Math.Clamp(query.Max, 0, settings.PerBusiness);
        var events = watched.Events.Newest(query.Filter, max);
        var leaseUntilMs = (watched.LeaseUntilTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMillisecond;
        return new RecentEventsPage(id, isSurging(id) ? RecentEventsWatch.Surging : RecentEventsWatch.Viewed, leaseUntilMs,
            watched.Events.Count, [.. events]);
    }

    /// <summary>
    /// Adds the batch's new events of watched businesses to their rings: those above <paramref name="watermark"/> and
    /// above every offset before them in the batch, exactly the events the tracker applies (see
    /// <see cref="ShardState.Summarise"/>), so a redelivered batch shows nothing twice.
    /// </summary>
    public void Record(TrafficBatch batch, long watermark, long nowTicks)
    {
        Sweep(nowTicks);
        if (_watched.Count == 0) return;
        var ids = batch.BusinessIds;
        var rings = ArrayPool<RecentEvents?>.Shared.Rent(ids.Length);
        try
        {
            var any = false;
            for (var b = 0; b < ids.Length; b++)
            {
                rings[b] = _watched.TryGetValue(ids[b], out var watched) ? watched.Events : null;
                any |= rings[b] is not null;
            }
            if (!any) return;
            // A batch of an older node (SB1) has no dimensions; its events still show, with them unknown.
            var d = batch.Dimensions is { } given && given.Count == batch.Count ? given : null;
            var lastOffset = long.MinValue;
            for (var i = 0; i < batch.Count; i++)
            {
                var offset = batch.Offsets[i];
                if (offset <= watermark || offset <= lastOffset) continue;
                lastOffset = offset;
                if (rings[batch.Businesses[i]] is not { } ring) continue;
                ring.Add(d is null
                    ? new RecentEvent(batch.Seconds[i], batch.Partition, offset, Platform.Unknown, StatusClass.Unknown, null, null, null, 0)
                    : new RecentEvent(batch.Seconds[i], batch.Partition, offset, d.PlatformAt(i), d.StatusClassAt(i),
                        Intern(d.PathAt(i)), Intern(d.ReferrerAt(i)), Intern(d.RegionAt(i)), d.Users[i]));
            }
        }
        finally
        {
            Array.Clear(rings, 0, ids.Length);
            ArrayPool<RecentEvents?>.Shared.Return(rings);
        }
    }

    /// <summary>Drops the rings of businesses whose lease has run out and that are not surging; at most every 10 s.</summary>
    public void Sweep(long nowTicks)
    {
        if (nowTicks < _nextSweepTicks || _watched.Count == 0) return;
        _nextSweepTicks = nowTicks + SweepEveryTicks;
        List<string>? lapsed = null;
        foreach (var (id, watched) in _watched)
            if (watched.LeaseUntilTicks <= nowTicks && !isSurging(id)) (lapsed ??= []).Add(id);
        if (lapsed is null) return;
        foreach (var id in lapsed) _watched.Remove(id);
        // With no ring left nothing refers to the shared values: let them go too.
        if (_watched.Count == 0) _values.Clear();
    }

    /// <summary>
    /// Room for one more ring: there is, or the one looked at longest ago that is not surging is dropped for it. Rings
    /// of surging businesses are never dropped for a look, so a crawler cannot push a surge's events out.
    /// </summary>
    private bool MakeRoom()
    {
        if (_watched.Count < settings.MaxBusinesses) return true;
        string? oldest = null;
        var oldestLease = long.MaxValue;
        foreach (var (id, watched) in _watched)
        {
            if (watched.LeaseUntilTicks >= oldestLease || isSurging(id)) continue;
            oldest = id;
            oldestLease = watched.LeaseUntilTicks;
        }
        return oldest is not null && _watched.Remove(oldest);
    }

    private string? Intern(string? value)
    {
        if (value is null) return null;
        if (_values.TryGetValue(value, out var shared)) return shared;
        if (_values.Count < MaxInterned) _values[value] = value;
        return value;
    }

    private sealed class Watched(RecentEvents events)
    {
        public RecentEvents Events { get; } = events;

        /// <summary>Until when someone's look keeps the ring (<see cref="DateTimeOffset.UtcTicks"/>); 0 if never looked at.</summary>
        public long LeaseUntilTicks { get; set; }
    }
}
