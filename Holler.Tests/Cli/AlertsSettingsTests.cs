using Holler.Host.Configuration;

namespace Holler.Tests.Cli;

public sealed class AlertsSettingsTests
{
    [Fact]
    public void Alerts_settings_and_the_public_url_reach_the_node_config()
    {
        var (config, errors) = NodeConfigValidator.Resolve(new HollerOptions
        {
            Web = { PublicUrl = " https://holler.example/ " },
            Alerts = { GroupWindowSeconds = 5, GroupSize = 7, StaleAfterSeconds = 90, HistoryLimit = 500 },
        });

        Assert.Empty(errors);
        var alerts = config!.Alerts;
        Assert.Equal((TimeSpan.FromSeconds(5), 7, TimeSpan.FromSeconds(90), 500), (alerts.GroupWindow, alerts.GroupSize, alerts.StaleAfter, alerts.HistoryLimit));
        Assert.Equal("https://holler.example/business/biz%201", alerts.DrillDownUrl("biz 1"));
    }

    [Fact]
    public void Without_a_public_url_drill_down_links_are_empty()
    {
        var (config, errors) = NodeConfigValidator.Resolve(new HollerOptions());

        Assert.Empty(errors);
        Assert.Equal("", config!.Alerts.DrillDownUrl("biz-1"));
    }

    [Theory]
    [InlineData("holler.example", "Web:PublicUrl: 'holler.example' is not an absolute http(s) address")]
    [InlineData("https://holler.example/?x=1", "Web:PublicUrl: 'https://holler.example/?x=1' is not an absolute http(s) address")]
    public void A_public_url_must_be_an_absolute_http_address(string url, string expected)
    {
        var (_, errors) = NodeConfigValidator.Resolve(new HollerOptions { Web = { PublicUrl = url } });

        Assert.Equal(expected + " (e.g. https://holler.example.com)", Assert.Single(errors));
    }

    [Fact]
    public void Every_bad_alerts_setting_is_named()
    {
        var (_, errors) = NodeConfigValidator.Resolve(new HollerOptions
        {
            Alerts = { GroupWindowSeconds = double.NaN, GroupSize = 0, StaleAfterSeconds = 1, HistoryLimit = 1 },
        });

        Assert.Equal(["Alerts:GroupWindowSeconds", "Alerts:GroupSize", "Alerts:StaleAfterSeconds", "Alerts:HistoryLimit"],
            errors.Select(e => e.Split(' ')[0]));
    }
}
