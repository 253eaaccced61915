using System.Text.Json;
using Holler.Domain.Dimensions;
using Holler.Host.Operator.Api;

namespace Holler.Tests.Operator;

/// <summary>The operator API's shapes for dimensions (docs/operator-api.md): drivers with their sentence, every kept
/// value grouped by dimension, active users with their error, the 5xx share and the error surge's start.</summary>
public sealed class DimensionViewsTests
{
    private static readonly Driver Ios = new(Dimension.Platform, "ios", 0.8234, 0.3);

    [Fact]
    public void A_breakdown_is_served_as_drivers_values_by_dimension_active_users_and_the_5xx_share()
    {
        var summary = new DimensionSummary([Ios], [Ios, new Driver(Dimension.Region, "US-CA-06037", 0.9, 0.85)],
            123.4, 456, 2_345, 0.13, 0.38, 0.03, 42.517, 1_750_000_000_000);

        var json = JsonSerializer.SerializeToElement(DimensionsView.From(summary), OperatorJson.Indented);

        var driver = json.GetProperty("drivers")[0];
        Assert.Equal("platform", driver.GetProperty("dimension").GetString());
        Assert.Equal("ios", driver.GetProperty("value").GetString());
        Assert.Equal(0.8234, driver.GetProperty("share").GetDouble());
        Assert.Equal(0.3, driver.GetProperty("baselineShare").GetDouble());
        Assert.Equal("platform ios: 82% of the last 60 s, normally 30%", driver.GetProperty("text").GetString());
        var values = json.GetProperty("values");
        Assert.Equal(["platform", "status", "path", "referrer", "region"], values.EnumerateObject().Select(p => p.Name));
        Assert.Equal("US-CA-06037", values.GetProperty("region")[0].GetProperty("value").GetString());
        Assert.Equal(0, values.GetProperty("path").GetArrayLength());
        var users = json.GetProperty("activeUsers");
        Assert.Equal(123, users.GetProperty("lastMinute").GetDouble());
        Assert.Equal(0.13, users.GetProperty("standardError").GetDouble());
        Assert.Equal(0.38, json.GetProperty("errorShare").GetDouble());
        Assert.Equal(0.03, json.GetProperty("usualErrorShare").GetDouble());
        Assert.Equal(42.52, json.GetProperty("errorScore").GetDouble());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000), json.GetProperty("errorSurgingSince").GetDateTimeOffset());
    }

    [Fact]
    public void A_business_without_a_breakdown_has_null_dimensions_and_no_error_surge_is_null()
    {
        Assert.Null(DimensionsView.From(null));
        var quiet = DimensionsView.From(new DimensionSummary([], [], 1, 1, 1, 0.13, 0, 0, 0, 0))!;
        Assert.Null(quiet.ErrorSurgingSince);
        Assert.Empty(DriverView.From((IReadOnlyList<Driver>?)null));
    }
}
