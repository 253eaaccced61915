using System.Diagnostics;
using Akka.Actor;
using Holler.Host.Node;
using Holler.Ingest;

namespace Holler.Tests.Support;

/// <summary>What outage tests watch on a node: its ingest counters and committed offsets.</summary>
public static class Outage
{
    /// <summary>Sum of the ingest's committed next-offsets over every partition.</summary>
    public static async Task<long> CommittedAsync(HollerNode node)
    {
        var status = await node.Registry.Get<IngestActor>().Ask<IngestStatus>(GetIngestStatus.Instance, TimeSpan.FromSeconds(10));
        return status.Committed.Values.Sum();
    }

    /// <summary>Waits until <paramref name="value"/> exceeds <paramref name="above"/>; returns how long that took.</summary>
    public static async Task<TimeSpan> UntilAboveAsync(Func<long> value, long above, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        await Eventually.Until(() => Task.FromResult(value()), v => v > above, timeout, v => $"{what} still {v}");
        return watch.Elapsed;
    }

    /// <summary>Lets a fault last: the outage's length is what the test is about, not a wait for something to happen.</summary>
    public static Task HoldAsync(Stopwatch since, TimeSpan length, CancellationToken token) =>
        since.Elapsed < length ? Task.Delay(length - since.Elapsed, token) : Task.CompletedTask;
}
