namespace Holler.Domain.Surges;

/// <summary>The set of businesses currently surging, ranked by score (ties by ratio, then id, so the order is stable).</summary>
public sealed class LeaderboardRanking
{
    private readonly Dictionary<string, LeaderboardEntry> _surging = new(StringComparer.Ordinal);

    public int Count => _surging.Count;

    public static int Compare(LeaderboardEntry a, LeaderboardEntry b)
    {
        var byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0) return byScore;
        var byRatio = b.Ratio.CompareTo(a.Ratio);
        return byRatio != 0 ? byRatio : string.CompareOrdinal(a.BusinessId, b.BusinessId);
    }

    public void Upsert(LeaderboardEntry entry) => _surging[entry.BusinessId] = entry;

    public bool Remove(string businessId) => _surging.Remove(businessId);

    /// <summary>Drops entries not refreshed since <paramref name="olderThanMs"/>: their tracker stopped reporting
    /// (its node died, or it passivated), so the surge can no longer be vouched for.</summary>
    public int ExpireOlderThan(long olderThanMs) => ExpireEntriesOlderThan(olderThanMs).Count;

    /// <summary>As <see cref="ExpireOlderThan"/>, returning the entries dropped.</summary>
    public IReadOnlyList<LeaderboardEntry> ExpireEntriesOlderThan(long olderThanMs)
    {
        var stale = _surging.Values.Where(e => e.UpdatedMs < olderThanMs).ToList();
        foreach (var entry in stale) _surging.Remove(entry.BusinessId);
        return stale;
    }

    /// <summary>The top <paramref name="n"/>, best first.</summary>
    public IReadOnlyList<LeaderboardEntry> Top(int n)
    {
        if (n <= 0 || _surging.Count == 0) return [];
        var all = _surging.Values.ToArray();
        Array.Sort(all, Compare);
        return all.Length <= n ? all : all[..n];
    }
}
