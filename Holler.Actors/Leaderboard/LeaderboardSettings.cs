namespace Holler.Leaderboard;

/// <param name="Size">How many surges the leaderboard shows.</param>
/// <param name="PublishInterval">Publications are at most this frequent, except for news (below).</param>
/// <param name="ExpireAfter">An entry whose tracker has not reported for this long is dropped (its node died or it
/// passivated); surging trackers report every second.</param>
/// <param name="NewsInterval">A business entering or leaving the top N is news: it goes out this long after the last
/// publication at most, instead of <see cref="Interval"/>; default 200 ms. Scores and counts of rows already shown
/// still change at most once per <see cref="Interval"/>.</param>
public sealed record LeaderboardSettings(int Size = 10, TimeSpan? PublishInterval = null, TimeSpan? ExpireAfter = null,
    TimeSpan? NewsInterval = null)
{
    public static LeaderboardSettings Default { get; } = new();

    public TimeSpan Interval => PublishInterval ?? TimeSpan.FromSeconds(1);
    public TimeSpan News
    {
        get
        {
            var news = NewsInterval ?? TimeSpan.FromMilliseconds(200);
            return news < Interval ? news : Interval;
        }
    }
    public TimeSpan Expiry => ExpireAfter ?? TimeSpan.FromSeconds(15);

    public IEnumerable<string> Validate(string prefix = "Leaderboard")
    {
        if (Size is < 1 or > 1000) yield return $"{prefix}:Size must be between 1 and 1000, was {Size}";
        if (Interval <= TimeSpan.Zero) yield return $"{prefix}:PublishInterval must be positive, was {Interval}";
        if (NewsInterval is { } n && n <= TimeSpan.Zero) yield return $"{prefix}:NewsInterval must be positive, was {n}";
        if (Expiry <= Interval) yield return $"{prefix}:ExpireAfter must be longer than PublishInterval, was {Expiry}";
    }
}
