using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Pattern;
using Holler.Domain.Alerts;

namespace Holler.Alerts;

public static class AlertsSetup
{
    /// <summary>The alerts singleton runs where the journal is: on the oldest node with the tracker role.</summary>
    public const string Role = "tracker";
    public const string SingletonName = "alerts";

    /// <summary>
    /// The alerts singleton on the oldest tracker node (with a proxy), or only the proxy on other nodes.
    /// <c>registry.Get&lt;AlertsActor&gt;()</c> is the proxy either way; trackers send it their surge reports.
    /// </summary>
    /// <param name="delivery">The delivery outbox, started as the singleton's child; null journals notifications
    /// without sending them.</param>
    public static AkkaConfigurationBuilder AddAlerts(this AkkaConfigurationBuilder builder, AlertSettings settings, BusinessFactsLookup facts,
        bool hostSingleton, Props? delivery = null, TimeProvider? clock = null, AlertMetrics? metrics = null)
    {
        var options = new ClusterSingletonOptions { Role = Role, LogSingletonIdentificationFailure = false };
        if (!hostSingleton) return builder.WithSingletonProxy<AlertsActor>(SingletonName, options);
        // A journal that fails stops a persistent actor, and a singleton manager does not start a stopped singleton
        // again: the back-off supervisor does, and it recovers from the journal.
        var props = BackoffSupervisor.Props(Backoff.OnStop(AlertsActor.PropsFor(settings, facts, delivery, clock: clock, metrics: metrics), "book",
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, maxNrOfRetries: -1));
        return builder.WithSingleton<AlertsActor>(SingletonName, props, options, createProxyToo: true);
    }
}
