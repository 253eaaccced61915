using Holler.Web.Feed;

namespace Holler.Host.Commands.Bench;

/// <summary>
/// The "dashboard" freshness stage: a subscription to the node's <see cref="ClusterFeed"/>, exactly what every open
/// dashboard page reads, telling the clock whom each snapshot shows. The browser's own rendering is measured by the
/// dashboard's browser tests (README, Dashboard).
/// </summary>
public sealed class DashboardStage : IAsyncDisposable
{
    private readonly FeedSubscription _subscription;
    private readonly Task _reading;

    private DashboardStage(ClusterFeed feed, FreshnessClock clock)
    {
        _subscription = feed.Subscribe();
        _reading = Task.Run(async () =>
        {
            await foreach (var state in _subscription.Updates.ReadAllAsync())
                foreach (var entry in state.Top) clock.Seen(FreshnessStages.Dashboard, entry.BusinessId);
        });
    }

    public static DashboardStage Start(ClusterFeed feed, FreshnessClock clock) => new(feed, clock);

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        await _reading;
    }
}
