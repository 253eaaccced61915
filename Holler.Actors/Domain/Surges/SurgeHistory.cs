namespace Holler.Domain.Surges;

/// <summary>
/// The most recent surges, ongoing and ended, newest start first, built from the leaderboard's reports; drops too,
/// tagged <see cref="SurgeRecord.Drop"/>, and error surges, tagged <see cref="SurgeRecord.Errors"/>. Bounded: the oldest ended episodes fall off, so a node up for weeks keeps the
/// same small list.
/// </summary>
public sealed class SurgeHistory(int capacity = 50)
{
    private readonly List<SurgeRecord> _recent = [];
    // A business can have a traffic surge (or drop) and an error surge at once: they are two episodes.
    private readonly HashSet<(string BusinessId, bool Errors)> _ongoing = [];

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>Newest start first.</summary>
    public IReadOnlyList<SurgeRecord> Recent => _recent;

    /// <summary>A business reported as surging. Returns the new record when this starts a surge, null when it only
    /// updates the peak of one already known.</summary>
    public SurgeRecord? Observe(LeaderboardEntry entry)
    {
        var index = FindOngoing(entry.BusinessId, entry.Errors);
        if (index >= 0)
        {
            var known = _recent[index];
            if (entry.SinceMs == known.StartedMs && entry.Drop == known.Drop)
            {
                _recent[index] = known.WithPeaksOf(entry);
                return null;
            }
            // A new start time without an end in between: the end was missed (e.g. a singleton hand-over); close it.
            _recent[index] = known with { EndedMs = Math.Max(known.StartedMs, entry.SinceMs) };
            _ongoing.Remove((entry.BusinessId, entry.Errors));
        }
        var record = new SurgeRecord(entry.BusinessId, entry.SinceMs, 0, entry.Score, entry.Count, entry.Ratio, entry.Drop,
            entry.DriversOrEmpty.Count > 0 ? entry.Drivers : null, entry.Errors);
        Insert(record);
        _ongoing.Add((entry.BusinessId, entry.Errors));
        return record;
    }

    /// <summary>A business stopped surging (or stopped reporting). Returns the ended record, null if none was ongoing.</summary>
    /// <param name="errors">Which of the business's episodes ended: its error surge, or its traffic surge or drop.</param>
    public SurgeRecord? End(string businessId, long nowMs, LeaderboardEntry? last = null, bool errors = false)
    {
        var index = FindOngoing(businessId, errors);
        if (index < 0) return null;
        var known = _recent[index];
        var ended = (last is null ? known : known.WithPeaksOf(last)) with { EndedMs = Math.Max(nowMs, known.StartedMs) };
        _recent[index] = ended;
        _ongoing.Remove((businessId, errors));
        return ended;
    }

    private int FindOngoing(string businessId, bool errors)
    {
        if (!_ongoing.Contains((businessId, errors))) return -1;
        return _recent.FindIndex(r => r.Ongoing && r.Errors == errors && r.BusinessId == businessId);
    }

    private void Insert(SurgeRecord record)
    {
        var at = _recent.FindIndex(r => r.StartedMs < record.StartedMs);
        _recent.Insert(at < 0 ? _recent.Count : at, record);
        // Drop the oldest ended surges first; ongoing ones stay listed while there is any ended one to drop.
        while (_recent.Count > Capacity)
        {
            var drop = _recent.FindLastIndex(r => !r.Ongoing);
            if (drop < 0) drop = _recent.Count - 1;
            if (_recent[drop].Ongoing) _ongoing.Remove((_recent[drop].BusinessId, _recent[drop].Errors));
            _recent.RemoveAt(drop);
        }
    }
}
