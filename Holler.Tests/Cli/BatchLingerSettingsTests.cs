using Holler.Host.Configuration;

namespace Holler.Tests.Cli;

/// <summary>Ingest:BatchLingerMs, how long a micro-batch may wait while traffic is light: checked, and handed to the ingest.</summary>
public sealed class BatchLingerSettingsTests
{
    [Fact]
    public void Unset_micro_batches_keep_the_fixed_window()
    {
        var (config, errors) = NodeConfigValidator.Resolve(new HollerOptions());

        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromMilliseconds(200), config!.BatchDelay);
        // Off by default: the linger's freshness cost was measured, its CPU saving was not (docs/performance.md).
        Assert.Equal(config.BatchDelay, config.BatchLinger);
    }

    [Theory]
    [InlineData(100, 800, 800)]
    [InlineData(200, 0, 200)] // 0: a fixed window
    [InlineData(1000, 500, 1000)] // a window longer than the linger: fixed at the window, as before the setting
    public void The_linger_reaches_the_config_never_below_the_window(int delayMs, int lingerMs, int expectedMs)
    {
        var (config, errors) = NodeConfigValidator.Resolve(new HollerOptions { Ingest = { BatchDelayMs = delayMs, BatchLingerMs = lingerMs } });

        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), config!.BatchLinger);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(60_001)]
    public void A_bad_linger_is_one_line_naming_the_setting(int lingerMs)
    {
        var (config, errors) = NodeConfigValidator.Resolve(new HollerOptions { Ingest = { BatchLingerMs = lingerMs } });

        Assert.Null(config);
        Assert.Equal($"Ingest:BatchLingerMs must be between 0 (a fixed window) and 60000, was {lingerMs}", Assert.Single(errors));
    }
}
