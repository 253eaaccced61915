using Holler.Domain.Surges;

namespace Holler.Tests.Domain;

public class LeaderboardRankingTests
{
    private static LeaderboardEntry Entry(string id, double score, double ratio = 2, long updatedMs = 1000) =>
        new(id, score, Count: 100, Baseline: 50, ratio, SinceMs: 0, updatedMs);

    [Fact]
    public void Ranks_by_score_then_ratio_then_id()
    {
        var ranking = new LeaderboardRanking();
        ranking.Upsert(Entry("b", 5, ratio: 3));
        ranking.Upsert(Entry("a", 5, ratio: 3));
        ranking.Upsert(Entry("c", 5, ratio: 4));
        ranking.Upsert(Entry("d", 9, ratio: 2));
        ranking.Upsert(Entry("e", 4.5, ratio: 50));

        Assert.Equal(["d", "c", "a", "b", "e"], ranking.Top(10).Select(e => e.BusinessId));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 0)]
    [InlineData(2, 2)]
    [InlineData(5, 5)]
    [InlineData(50, 5)]
    public void Top_returns_at_most_n(int n, int expected)
    {
        var ranking = new LeaderboardRanking();
        for (var i = 0; i < 5; i++) ranking.Upsert(Entry($"biz-{i}", i));

        var top = ranking.Top(n);

        Assert.Equal(expected, top.Count);
        if (expected > 0) Assert.Equal("biz-4", top[0].BusinessId);
    }

    [Fact]
    public void Top_of_an_empty_ranking_is_empty() => Assert.Empty(new LeaderboardRanking().Top(10));

    [Fact]
    public void Upsert_replaces_a_business_and_remove_drops_it()
    {
        var ranking = new LeaderboardRanking();
        ranking.Upsert(Entry("a", 5));
        ranking.Upsert(Entry("b", 6));
        ranking.Upsert(Entry("a", 7));

        Assert.Equal(2, ranking.Count);
        Assert.Equal("a", ranking.Top(1)[0].BusinessId);

        Assert.True(ranking.Remove("a"));
        Assert.False(ranking.Remove("a"));
        Assert.Equal(["b"], ranking.Top(10).Select(e => e.BusinessId));
    }

    [Fact]
    public void Expiry_drops_only_entries_not_refreshed_since_the_cutoff()
    {
        var ranking = new LeaderboardRanking();
        ranking.Upsert(Entry("old", 9, updatedMs: 999));
        ranking.Upsert(Entry("edge", 8, updatedMs: 1000));
        ranking.Upsert(Entry("fresh", 7, updatedMs: 2000));

        Assert.Equal(1, ranking.ExpireOlderThan(1000));

        Assert.Equal(["edge", "fresh"], ranking.Top(10).Select(e => e.BusinessId));
        Assert.Equal(0, ranking.ExpireOlderThan(1000));
    }

    [Fact]
    public void Ids_compare_ordinally_so_the_order_does_not_depend_on_culture()
    {
        var ranking = new LeaderboardRanking();
        ranking.Upsert(Entry("a", 1));
        ranking.Upsert(Entry("B", 1));

        Assert.Equal(["B", "a"], ranking.Top(2).Select(e => e.BusinessId));
    }
}
