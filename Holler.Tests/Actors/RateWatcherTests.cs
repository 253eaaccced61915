using Holler.Alerts;
using Holler.Domain.Detection;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;
using Holler.Tracking;

namespace Holler.Tests.Actors;

public sealed class RateWatcherTests
{
    private const long T0 = 1_750_000_000;

    private static TrackedBusiness Business(string id = "biz-1") =>
        new(id, BaselineSettings.Default, DetectorSettings.Default,
            new SeasonGroup("test", BaselineSettings.Default.ToModel(DetectorSettings.Default)), NodaTime.DateTimeZone.Utc);

    [Fact]
    public void A_business_is_reported_once_when_it_reaches_a_watch_and_once_when_it_falls_below()
    {
        var watcher = new RateWatcher();
        var reports = new List<RateChanged>();
        watcher.Update([new RateWatch(10, 100)], reports);
        var business = Business();

        for (var s = 0; s < 10; s++) business.Record(T0 + s, 9);
        watcher.Check(business, reports);
        Assert.Empty(reports);

        business.Record(T0 + 10, 30);
        watcher.Check(business, reports);
        business.Record(T0 + 10, 5);
        watcher.Check(business, reports);
        var over = Assert.Single(reports);
        Assert.Equal(("biz-1", true, 10, 111L, (T0 + 10) * 1000), (over.BusinessId, over.Over, over.Seconds, over.Count, over.SinceMs));
        Assert.True(watcher.AnyOver);

        reports.Clear();
        business.AdvanceTo(T0 + 21);
        watcher.Tick(_ => { }, reports);
        var below = Assert.Single(reports);
        Assert.Equal((false, 0L, (T0 + 10) * 1000), (below.Over, below.Count, below.SinceMs));
        Assert.False(watcher.AnyOver);
    }

    [Fact]
    public void While_over_a_watch_every_tick_reports_it_again_so_the_alert_does_not_go_stale()
    {
        var watcher = new RateWatcher();
        var reports = new List<RateChanged>();
        watcher.Update([new RateWatch(5, 10)], reports);
        var business = Business();
        business.Record(T0, 50);
        watcher.Check(business, reports);

        watcher.Tick(_ => { }, reports);
        watcher.Tick(_ => { }, reports);

        Assert.Equal(3, reports.Count);
        Assert.All(reports, r => Assert.True(r.Over));
        Assert.Single(reports.Select(r => r.SinceMs).Distinct());
    }

    [Fact]
    public void A_watch_the_rules_no_longer_have_ends_what_was_over_it()
    {
        var watcher = new RateWatcher();
        var reports = new List<RateChanged>();
        watcher.Update([new RateWatch(5, 10)], reports);
        var business = Business();
        business.Record(T0, 50);
        watcher.Check(business, reports);

        watcher.Update([], reports);

        Assert.Equal([true, false], reports.Select(r => r.Over));
        Assert.False(watcher.Watching);
    }
}
