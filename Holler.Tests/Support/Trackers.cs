using Akka.Actor;
using Holler.Host.Node;
using Holler.Tracking;

namespace Holler.Tests.Support;

public static class Trackers
{
    /// <summary>A tracker that did not answer in time (recovering on a loaded machine): not a total, ask again later.</summary>
    public const long Unanswered = -1;

    /// <summary>Each business's counted total, as its tracker reports it, or <see cref="Unanswered"/>.</summary>
    public static async Task<Dictionary<string, long>> TotalsAsync(HollerNode node, IEnumerable<string> businessIds)
    {
        // A few hundred at a time: thousands of asks at once make thousands of trackers recover from the journal
        // together, and on a loaded machine the last of them missed a 30 s timeout (seen in a full run).
        var totals = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        await Parallel.ForEachAsync(businessIds, new ParallelOptions { MaxDegreeOfParallelism = 200 }, async (id, _) =>
        {
            try
            {
                var series = await node.Trackers.Ask<BusinessSeries>(new GetBusinessSeries(id), TimeSpan.FromSeconds(30));
                totals[series.BusinessId] = series.Total;
            }
            catch (AskTimeoutException)
            {
                // Waiting callers retry until their own deadline; a missing answer never passes for a count.
                totals[id] = Unanswered;
            }
        });
        return new Dictionary<string, long>(totals);
    }

    /// <summary>Waits until every business's counted total equals what was produced, failing with the differences.</summary>
    public static Task<Dictionary<string, long>> AwaitTotalsAsync(HollerNode node, IReadOnlyDictionary<string, long> expected, TimeSpan timeout) =>
        Eventually.Until(
            () => TotalsAsync(node, expected.Keys),
            totals => expected.All(kv => totals[kv.Key] == kv.Value),
            timeout,
            totals =>
            {
                var wrong = expected.Where(kv => totals[kv.Key] != kv.Value).ToList();
                var unanswered = totals.Values.Count(v => v == Unanswered);
                return $"{wrong.Count} of {expected.Count} businesses differ ({unanswered} unanswered) (counted {totals.Values.Sum()} of {expected.Values.Sum()}), e.g. "
                       + string.Join(", ", wrong.Take(5).Select(kv => $"{kv.Key}: produced {kv.Value}, counted {totals[kv.Key]}"));
            });
}
