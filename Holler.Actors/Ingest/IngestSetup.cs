using Akka;
using Akka.Actor;
using Akka.Hosting;
using Holler.Domain;
using Holler.Fleet;
using Holler.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Holler.Ingest;

public static class IngestSetup
{
    public const string Role = "ingest";

    /// <summary>Starts this node's Kafka ingest stream, delivering to the shard trackers (local region or proxy).</summary>
    /// <param name="shards">The cluster's tracker shard count (as given to <c>AddShardTrackers</c>).</param>
    /// <param name="fleet">Counts the parsed events for the fleet views (published by <c>AddFleetPublisher</c>); null for none.</param>
    public static AkkaConfigurationBuilder AddIngest(this AkkaConfigurationBuilder builder, KafkaIngestSettings settings,
        ParseLimits limits, IngestMetrics metrics, int shards, TimeProvider? clock = null, FleetRecorder? fleet = null) =>
        builder.AddHocon(Akka.Configuration.ConfigurationFactory.ParseString(
                // Room for the ingest to stop (see below) before shards hand off; the phase's default is 5 s.
                "akka.coordinated-shutdown.phases.before-service-unbind.timeout = 15s"), HoconAddMode.Prepend)
            .WithActors((system, registry, resolver) =>
        {
            var loggers = resolver.GetService<ILoggerFactory>();
            var ingest = system.ActorOf(
                IngestActor.PropsFor(settings, registry.Get<ShardTracker>(), shards, metrics, limits, clock ?? TimeProvider.System, loggers, fleet),
                "ingest");
            registry.Register<IngestActor>(ingest);
            // Stop consuming before shards hand off: batches sent into a stopping region would only time out, and
            // what is uncommitted is redelivered on the next start anyway.
            CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "stop-ingest", async () =>
            {
                try { await ingest.GracefulStop(TimeSpan.FromSeconds(10)); }
                catch (TaskCanceledException) { }
                return Done.Instance;
            });
        });
}
