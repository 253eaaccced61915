using Holler.Host.Configuration;
using Holler.Tests.Support;

namespace Holler.Tests.Cli;

/// <summary><c>Tracker:RecentEvents</c> and <c>Tracker:RecentEventsBusinesses</c> reach the trackers, and a value out
/// of range is one line naming the setting and exit code 2.</summary>
public sealed class RecentEventsSettingsTests
{
    [Fact]
    public void The_settings_reach_the_trackers_with_200_and_32_unless_set()
    {
        var (unset, _) = NodeConfigValidator.Resolve(new HollerOptions());
        var (set, errors) = NodeConfigValidator.Resolve(new HollerOptions { Tracker = { RecentEvents = 0, RecentEventsBusinesses = 8 } });

        Assert.Equal((200, 32, true), (unset!.Tracker.Recent.PerBusiness, unset.Tracker.Recent.MaxBusinesses, unset.Tracker.Recent.Enabled));
        Assert.Empty(errors);
        Assert.Equal((0, 8, false), (set!.Tracker.Recent.PerBusiness, set.Tracker.Recent.MaxBusinesses, set.Tracker.Recent.Enabled));
    }

    [Theory]
    [InlineData(-1, 32, "Tracker:RecentEvents must be between 0 (off) and 10000, was -1")]
    [InlineData(10_001, 32, "Tracker:RecentEvents must be between 0 (off) and 10000, was 10001")]
    [InlineData(200, 0, "Tracker:RecentEventsBusinesses must be between 1 and 10000, was 0")]
    public void Out_of_range_values_are_named(int perBusiness, int businesses, string error)
    {
        var (_, errors) = NodeConfigValidator.Resolve(new HollerOptions { Tracker = { RecentEvents = perBusiness, RecentEventsBusinesses = businesses } });

        Assert.Equal([error], errors);
    }

    [Fact]
    public async Task A_node_with_a_bad_value_exits_2_with_one_line()
    {
        var result = await HollerProcess.RunAsync(["run"], environment: new Dictionary<string, string> { ["HOLLER_TRACKER__RECENTEVENTS"] = "-5" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Tracker:RecentEvents must be between 0 (off) and 10000, was -5", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
