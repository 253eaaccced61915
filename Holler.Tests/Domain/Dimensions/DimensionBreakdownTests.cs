using Holler.Domain;
using Holler.Domain.Dimensions;

namespace Holler.Tests.Domain.Dimensions;

public class DimensionBreakdownTests
{
    private const long T0 = 1_750_000_000;

    /// <summary>An hour of usual traffic: 2 events a second, web 60% / iOS 30% / app 10%, pages home and menu,
    /// 2% server errors.</summary>
    private static DimensionBreakdown UsualHour()
    {
        var b = new DimensionBreakdown();
        for (var s = 0; s < 3_600; s++)
            for (var k = 0; k < 2; k++)
            {
                var i = s * 2 + k;
                var platform = (i % 10) switch { < 6 => Platform.Web, < 9 => Platform.Ios, _ => Platform.App };
                var status = i % 50 == 0 ? StatusClass.ServerError : StatusClass.Success;
                b.Add(T0 + s, platform, status, i % 3 == 0 ? "/menu" : "/", "search", "US-CA-06037");
            }

        return b;
    }

    [Fact]
    public void Without_a_learned_baseline_nothing_is_named_a_driver()
    {
        var breakdown = new DimensionBreakdown();
        // Its first events arrive during a surge: they count now, but teach nothing usual.
        for (var i = 0; i < 500; i++) breakdown.Add(1_000 + i / 10, Platform.App, StatusClass.Success, "/promo", null, null, learn: false);

        Assert.Empty(breakdown.Drivers());
        Assert.Contains(breakdown.Breakdown(Dimension.Platform), d => d is { Value: "app", Share: > 0.99 });

        for (var i = 0; i < 100; i++) breakdown.Add(1_050 + i / 10, Platform.Web, StatusClass.Success, "/home", null, null);
        Assert.NotEmpty(breakdown.Drivers()); // a baseline of web on /home: the app on /promo now grew against it
    }

    [Fact]
    public void Usual_traffic_has_no_drivers_and_its_shares_now_match_the_baseline()
    {
        var b = UsualHour();

        Assert.Empty(b.Drivers());
        var web = b.Breakdown(Dimension.Platform).Single(d => d.Value == "web");
        Assert.InRange(web.Share, 0.58, 0.62);
        Assert.InRange(web.BaselineShare, 0.58, 0.62);
        var (now, usually) = b.ErrorShare();
        Assert.InRange(now, 0.015, 0.025);
        Assert.InRange(usually, 0.015, 0.025);
    }

    [Fact]
    public void A_surge_on_one_platform_and_page_names_them_as_the_drivers()
    {
        var b = UsualHour();
        // 60 s of 10 extra events a second, all from the app, all on /order.
        for (var s = 3_600; s < 3_660; s++)
        {
            for (var k = 0; k < 10; k++) b.Add(T0 + s, Platform.App, StatusClass.Success, "/order", "social", "US-CA-06037");
            b.Add(T0 + s, Platform.Web, StatusClass.Success, "/", "search", "US-CA-06037");
        }

        var drivers = b.Drivers();

        Assert.Contains(drivers, d => d is { Dimension: Dimension.Platform, Value: "app" });
        Assert.Contains(drivers, d => d is { Dimension: Dimension.Path, Value: "/order" });
        var app = drivers.Single(d => d.Value == "app");
        Assert.InRange(app.Share, 0.6, 0.95);
        Assert.InRange(app.BaselineShare, 0.08, 0.3);
        Assert.Equal(drivers.OrderByDescending(d => d.Growth), drivers);
        Assert.Matches(@"^platform app: \d+% of the last 60 s, normally \d+%$", app.ToString());
    }

    [Fact]
    public void An_error_burst_raises_the_share_now_well_above_usual()
    {
        var b = UsualHour();
        for (var s = 3_600; s < 3_660; s++)
            for (var k = 0; k < 2; k++)
                b.Add(T0 + s, Platform.Web, k == 0 && s % 5 < 4 ? StatusClass.ServerError : StatusClass.Success, "/", "search", null);

        var (now, usually) = b.ErrorShare();

        // Decayed with a 60 s lifetime, the share now has come 1 - 1/e of the way from 2% to 40% after a minute.
        Assert.InRange(now, 0.22, 0.3);
        Assert.InRange(usually, 0.015, 0.06);
        Assert.Contains(b.Drivers(), d => d is { Dimension: Dimension.Status, Value: "5xx" });
    }

    [Fact]
    public void Shares_now_fade_back_to_usual_once_traffic_returns_to_usual()
    {
        var b = UsualHour();
        for (var s = 3_600; s < 3_660; s++)
            for (var k = 0; k < 10; k++) b.Add(T0 + s, Platform.App, StatusClass.Success, "/order", "social", null);
        for (var s = 3_660; s < 4_260; s++)
            for (var k = 0; k < 2; k++) b.Add(T0 + s, k == 0 ? Platform.Web : Platform.Ios, StatusClass.Success, "/", "search", null);

        Assert.DoesNotContain(b.Drivers(), d => d.Value is "app" or "/order");
    }
}
