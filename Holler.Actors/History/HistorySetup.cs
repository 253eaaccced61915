using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Holler.Domain.History;

namespace Holler.History;

public static class HistorySetup
{
    /// <summary>Starts this node's <see cref="HistoryWriter"/>, registered for the trackers to find
    /// (<c>registry.Get&lt;HistoryWriter&gt;()</c>). Add it before the trackers.</summary>
    public static AkkaConfigurationBuilder AddHistoryWriter(this AkkaConfigurationBuilder builder, HistoryStore store,
        HistorySettings settings, HistoryMetrics metrics, Func<string, (string Category, string City)> place,
        TimeProvider? clock = null) =>
        builder.WithActors((system, registry) =>
        {
            var writer = system.ActorOf(HistoryWriter.PropsFor(store, settings, metrics, place, clock,
                DistributedPubSub.Get(system).Mediator), "history-writer");
            registry.Register<HistoryWriter>(writer);
        });
}
