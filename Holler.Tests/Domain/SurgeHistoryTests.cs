using Holler.Domain.Surges;

namespace Holler.Tests.Domain;

public sealed class SurgeHistoryTests
{
    private static LeaderboardEntry Entry(string id, double score, long sinceMs, long count = 100, double ratio = 5) =>
        new(id, score, count, count / ratio, ratio, sinceMs, 0);

    [Fact]
    public void A_first_report_starts_a_surge_and_later_reports_only_raise_its_peak()
    {
        var history = new SurgeHistory();

        var started = history.Observe(Entry("a", 5, sinceMs: 1_000));
        Assert.Equal(new SurgeRecord("a", 1_000, 0, 5, 100, 5), started);

        Assert.Null(history.Observe(Entry("a", 9, 1_000, count: 300, ratio: 7)));
        Assert.Null(history.Observe(Entry("a", 6, 1_000, count: 200, ratio: 4)));

        var record = Assert.Single(history.Recent);
        Assert.True(record.Ongoing);
        Assert.Equal((9.0, 300L, 7.0), (record.PeakScore, record.PeakCount, record.PeakRatio));
    }

    [Fact]
    public void An_end_closes_the_ongoing_surge_with_its_duration()
    {
        var history = new SurgeHistory();
        history.Observe(Entry("a", 5, sinceMs: 1_000));

        var ended = history.End("a", nowMs: 61_000, Entry("a", 1.5, 1_000));

        Assert.NotNull(ended);
        Assert.False(ended.Ongoing);
        Assert.Equal(TimeSpan.FromSeconds(60), ended.Duration(nowMs: 999_999));
        Assert.Equal(5, ended.PeakScore);
        Assert.Null(history.End("a", 70_000));
        Assert.Null(history.End("never-surged", 70_000));
    }

    [Fact]
    public void A_new_surge_of_the_same_business_is_a_new_record_newest_first()
    {
        var history = new SurgeHistory();
        history.Observe(Entry("a", 5, 1_000));
        history.End("a", 50_000);
        history.Observe(Entry("b", 6, 20_000));

        var again = history.Observe(Entry("a", 7, 90_000));

        Assert.NotNull(again);
        Assert.Equal([("a", 90_000L), ("b", 20_000L), ("a", 1_000L)], history.Recent.Select(r => (r.BusinessId, r.StartedMs)));
    }

    [Fact]
    public void A_missed_end_is_closed_when_the_business_reports_a_new_start()
    {
        var history = new SurgeHistory();
        history.Observe(Entry("a", 5, 1_000));

        var restarted = history.Observe(Entry("a", 6, 30_000));

        Assert.NotNull(restarted);
        Assert.Equal(2, history.Recent.Count);
        Assert.Equal(30_000, history.Recent[1].EndedMs);
        Assert.Single(history.Recent, r => r.Ongoing);
    }

    [Fact]
    public void The_history_is_bounded_and_drops_ended_surges_first()
    {
        var history = new SurgeHistory(capacity: 3);
        history.Observe(Entry("ongoing", 5, 1_000));
        for (var i = 0; i < 5; i++)
        {
            history.Observe(Entry($"b{i}", 5, 2_000 + i));
            history.End($"b{i}", 10_000 + i);
        }

        Assert.Equal(3, history.Recent.Count);
        Assert.Contains(history.Recent, r => r.BusinessId == "ongoing");
        Assert.Equal(["b4", "b3", "ongoing"], history.Recent.Select(r => r.BusinessId));
    }
}
