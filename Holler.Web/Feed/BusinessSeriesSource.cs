using Akka.Actor;
using Akka.Hosting;
using Holler.Tracking;

namespace Holler.Web.Feed;

/// <summary>Where the drill-down gets one business's series.</summary>
public interface IBusinessSeriesSource
{
    /// <summary>The business as its tracker sees it now; null when the tracker did not answer in time.</summary>
    Task<BusinessSeries?> GetAsync(string businessId, CancellationToken token);
}

/// <summary>Asks the business's tracker through the shard region (a proxy on nodes without the tracker role).</summary>
public sealed class TrackerSeriesSource(IActorRegistry registry) : IBusinessSeriesSource
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<BusinessSeries?> GetAsync(string businessId, CancellationToken token)
    {
        try
        {
            return await registry.Get<ShardTracker>().Ask<BusinessSeries>(new GetBusinessSeries(businessId), Timeout, token);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
