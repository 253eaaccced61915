using Akka.Actor;
using Akka.Hosting;
using Holler.Domain;
using Holler.Tracking;

namespace Holler.Web.Feed;

/// <summary>Where the drill-down gets a business's recent raw events (see docs/dimensions.md#recent-events).</summary>
public interface IRecentEventsSource
{
    /// <summary>The newest events matching the filter; asking also keeps them being kept. Null when the tracker did
    /// not answer in time.</summary>
    Task<RecentEventsPage?> GetAsync(string businessId, int max, RecentEventFilter filter, CancellationToken token);
}

/// <summary>Asks the business's tracker through the shard region (a proxy on nodes without the tracker role).</summary>
public sealed class TrackerRecentEventsSource(IActorRegistry registry) : IRecentEventsSource
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<RecentEventsPage?> GetAsync(string businessId, int max, RecentEventFilter filter, CancellationToken token)
    {
        try
        {
            return await registry.Get<ShardTracker>().Ask<RecentEventsPage>(new GetRecentEvents(businessId, max, filter), Timeout, token);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
