using Akka.Actor;
using Holler.Tracking;

namespace Holler.Tests.MultiNode;

/// <summary>
/// Asks a business's tracker through the shard region (or proxy) and tells which node answered: the reply's sender
/// lives where the entity runs.
/// </summary>
public sealed class TrackerLocator : ReceiveActor
{
    public TrackerLocator(IActorRef region, string businessId, TaskCompletionSource<(Address Node, BusinessSeries Series)> answer,
        TimeSpan timeout)
    {
        Receive<BusinessSeries>(series =>
        {
            answer.TrySetResult((Sender.Path.Address, series));
            Context.Stop(Self);
        });
        Receive<ReceiveTimeout>(_ =>
        {
            answer.TrySetException(new TimeoutException($"no answer for {businessId} within {timeout}"));
            Context.Stop(Self);
        });
        Context.SetReceiveTimeout(timeout);
        region.Tell(new GetBusinessSeries(businessId), Self);
    }
}

public static class TrackerLocations
{
    /// <summary>Where each business's tracker runs now; businesses that did not answer in time are left out.</summary>
    public static async Task<Dictionary<string, Address>> LocateAsync(ActorSystem system, IActorRef region,
        IEnumerable<string> businessIds, TimeSpan timeout)
    {
        var asks = businessIds.Select(id =>
        {
            var answer = new TaskCompletionSource<(Address, BusinessSeries)>(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(Props.Create(() => new TrackerLocator(region, id, answer, timeout)));
            return (Id: id, Answer: answer.Task);
        }).ToList();
        var located = new Dictionary<string, Address>();
        foreach (var (id, answer) in asks)
        {
            try { located[id] = (await answer).Item1; }
            catch (TimeoutException) { }
        }
        return located;
    }
}
