using Holler.Domain;
using Holler.Domain.Catalog;
using Holler.Domain.Dimensions;
using Holler.Generation;

namespace Holler.Tests.Domain.Dimensions;

/// <summary>From the generator through the parser to a business's breakdown: an injected surge on one platform and
/// page is named by its drivers, an injected error burst shows as a 5xx share well above usual, and active users
/// come out within the sketch's documented error.</summary>
public class GeneratedDriversTests
{
    private const long Noon = 1_709_294_400_000;

    private static readonly BusinessCatalog Catalog = BusinessCatalog.Synthetic(300);

    /// <summary>Runs the plan and feeds every event of <paramref name="business"/> (parsed as the ingest would) to a
    /// breakdown and an active-user sketch; returns them with the true distinct users of the last 5 minutes.</summary>
    private static (DimensionBreakdown Breakdown, DistinctUsers Users, int TrueUsersLastFiveMinutes, long EndSecond) Run(
        TrafficPlan plan, int business)
    {
        var json = new EventJson(plan.Catalog, plan.Settings.Seed, plan.Settings.ErrorShare);
        var (ids, values) = (new BusinessIdPool(), new DimensionValuePool());
        var breakdown = new DimensionBreakdown();
        var users = new DistinctUsers();
        var recent = new HashSet<ulong>();
        var endSecond = plan.EndMs!.Value / 1000 - 1;
        var cursor = plan.CreateCursor();
        while (cursor.TryNext(out var e))
        {
            if (e.BusinessIndex != business) continue;
            var value = json.Write(e.BusinessIndex, e.TimestampMs, cursor.Sequence - 1, plan.ShapeOf(e));
            Assert.True(TrafficEventParser.TryParse([], value, e.TimestampMs, ParseLimits.Default, out var evt, out _, ids, values));
            var d = evt.Dimensions;
            var second = evt.TimestampMs / 1000;
            breakdown.Add(second, d.Platform, evt.StatusClass, d.Path, d.Referrer, d.Region);
            users.Add(second, d.UserHash);
            // The 5-minute window's buckets: the current minute and the four before it.
            if (second / 60 > endSecond / 60 - 5) recent.Add(d.UserHash);
        }

        breakdown.Advance(endSecond);
        return (breakdown, users, recent.Count, endSecond);
    }

    [Fact]
    public void A_surge_injected_on_one_platform_and_page_is_driven_by_them()
    {
        var plan = new TrafficPlan(new GeneratorSettings
        {
            Businesses = Catalog, StartMs = Noon, DurationMs = 3_700_000, EventsPerSecond = 200, DailyRhythm = false,
            SurgeEvery = TimeSpan.FromHours(2), FirstSurgeAfter = TimeSpan.FromSeconds(3_600), SurgeDuration = TimeSpan.FromSeconds(90),
            SurgeFocus = SurgeFocus.PlatformAndPath,
        });
        var surge = plan.Surge(0);

        var (breakdown, users, truth, end) = Run(plan, surge.BusinessIndex);
        var drivers = breakdown.Drivers();

        Assert.Contains(drivers, d => d.Dimension == Dimension.Platform && d.Value == surge.Platform);
        Assert.Contains(drivers, d => d.Dimension == Dimension.Path && d.Value == surge.Path);
        var fiveMinutes = users.Estimate(end).LastFiveMinutes;
        Assert.InRange(fiveMinutes, truth * (1 - 3 * DistinctUsers.StandardError), truth * (1 + 3 * DistinctUsers.StandardError));
    }

    [Fact]
    public void An_error_burst_raises_the_business_share_of_5xx_from_5_to_about_40_percent()
    {
        var plan = new TrafficPlan(new GeneratorSettings
        {
            Businesses = Catalog, StartMs = Noon, DurationMs = 3_900_000, EventsPerSecond = 200, DailyRhythm = false,
            SurgeEvery = TimeSpan.Zero, ErrorShare = 0.05, ErrorBurstEvery = TimeSpan.FromHours(2),
            FirstErrorBurstAfter = TimeSpan.FromSeconds(3_600), ErrorBurstDuration = TimeSpan.FromSeconds(300), ErrorBurstShare = 0.4,
        });
        var burst = plan.ErrorBurst(0);

        var (breakdown, _, _, _) = Run(plan, burst.BusinessIndex);
        var (now, usually) = breakdown.ErrorShare();

        // Five minutes into the burst the decayed share now is within 1% of 40%; the hour's baseline barely moved.
        Assert.InRange(now, 0.33, 0.45);
        Assert.InRange(usually, 0.04, 0.12);
        Assert.Contains(breakdown.Drivers(), d => d is { Dimension: Dimension.Status, Value: "5xx" });
    }
}
