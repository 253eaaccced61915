using Akka.Actor;
using Akka.Hosting;
using Holler.Alerts;
using Holler.Alerts.Delivery;
using Holler.Clustering;
using Holler.Domain.Alerts;
using Holler.Domain.Catalog;
using Holler.Domain.Fleet;
using Holler.Fleet;
using Holler.Host.Configuration;
using Holler.Ingest;
using Holler.Kafka;
using Holler.History;
using Holler.Leaderboard;
using Holler.Persistence;
using Holler.Serialization;
using Holler.Tracking;
using Holler.Host.Operator;
using Holler.Web;
using Holler.Web.Feed;
using Holler.Web.Fleet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Holler.Host.Node;

/// <summary>
/// One running Holler node: the actor system with the parts its roles ask for, and, in the embedded setup, the
/// Kafka broker it owns. Used by <c>holler run</c> and by tests alike.
/// </summary>
public sealed class HollerNode : IAsyncDisposable
{
    private readonly WebApplication _host;
    private readonly EmbeddedKafka? _broker;

    private HollerNode(WebApplication host, EmbeddedKafka? broker, NodeConfig config, string bootstrap, IngestMetrics metrics,
        NodeEndpoints endpoints)
    {
        _host = host;
        Endpoints = endpoints;
        _broker = broker;
        Config = config;
        BootstrapServers = bootstrap;
        Metrics = metrics;
        System = host.Services.GetRequiredService<ActorSystem>();
        Registry = host.Services.GetRequiredService<IActorRegistry>();
        Catalog = host.Services.GetRequiredService<BusinessCatalog>();
    }

    public BusinessCatalog Catalog { get; }

    /// <summary>The bound HTTP listeners: operator endpoint and, on web nodes, the dashboard.</summary>
    public NodeEndpoints Endpoints { get; }

    public NodeConfig Config { get; }
    public string BootstrapServers { get; }
    public IngestMetrics Metrics { get; }
    public ActorSystem System { get; }
    public IActorRegistry Registry { get; }
    public IServiceProvider Services => _host.Services;

    /// <summary>Cancelled when the node is stopping for its own reasons (e.g. downed by the split-brain resolver).</summary>
    public CancellationToken Stopping => _host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

    /// <summary>Where tracker messages go: the local shard region or a proxy to it.</summary>
    public IActorRef Trackers => Registry.Get<ShardTracker>();

    /// <summary>Starts a node. <paramref name="configureLogging"/> replaces the default (warnings to the console).</summary>
    public static async Task<HollerNode> StartAsync(NodeConfig config, Action<ILoggingBuilder>? configureLogging = null,
        TextWriter? console = null, CancellationToken token = default)
    {
        var catalog = CatalogLoader.Load(config.Catalog);
        // Trackers learn each business's rhythm in its own time zone, shared with its category: the catalog says which.
        config = config with { Tracker = config.Tracker with { Directory = catalog.Directory } };
        var broker = config.KafkaBootstrap is null ? EmbeddedKafka.Start() : null;
        try
        {
            var bootstrap = config.KafkaBootstrap ?? broker!.BootstrapServers;
            var metrics = new IngestMetrics();
            var trackerMetrics = new TrackerMetrics();
            var alertMetrics = new AlertMetrics();
            var deliveryMetrics = new DeliveryMetrics();
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
            {
                // The static-asset manifest is named after the application; tests host the node in their own process.
                ApplicationName = typeof(HollerNode).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
                EnvironmentName = Environments.Production,
            });
            builder.WebHost.UseKestrelCore();
            // The dashboard's files (Holler.Web, MudBlazor, Plotly, blazor.web.js): from wwwroot when published, and from
            // where the build left them (holler.staticwebassets.runtime.json next to holler.dll) when run from a build.
            if (config.Has(NodeRole.Web)) builder.WebHost.UseStaticWebAssets();
            builder.Services.AddRoutingCore();
            var endpoints = new NodeEndpoints();
            builder.WebHost.ConfigureKestrel(kestrel => endpoints.Bind(kestrel, config.OperatorHostname, config.OperatorPort,
                config.Has(NodeRole.Web) ? config.WebHostname : null, config.WebPort));

            if (configureLogging is not null) configureLogging(builder.Logging);
            else
            {
                // Logs go to standard error: standard output is the leaderboard.
                builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
                builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            }
            builder.Services.AddSingleton<IHostLifetime, CommandLineLifetime>();
            builder.Services.AddSingleton(config);
            builder.Services.AddSingleton(metrics);
            builder.Services.AddSingleton(catalog);
            // One lookup of every business's category and state, shared by the ingest's fleet counts and the fleet page.
            var fleetDirectory = new FleetDirectory(catalog);
            builder.Services.AddSingleton(fleetDirectory);
            builder.Services.AddSingleton(endpoints);
            builder.Services.AddSingleton(trackerMetrics);
            builder.Services.AddSingleton(alertMetrics);
            builder.Services.AddSingleton(deliveryMetrics);
            var historyMetrics = new HistoryMetrics();
            var historyStore = config.History is { } h ? new HistoryStore(h.Provider, h.ConnectionString) : null;
            builder.Services.AddSingleton(historyMetrics);
            if (historyStore is not null)
            {
                builder.Services.AddSingleton(historyStore);
                builder.Services.AddSingleton(config.History!.Settings);
            }
            builder.Services.AddOperatorEndpoint(bootstrap);
            builder.Services.AddSingleton(new OperatorTokens(config.OperatorTokens));
            builder.Services.AddAkka("holler", (akka, sp) =>
            {
                Configure(akka, config, bootstrap, metrics, trackerMetrics, alertMetrics, deliveryMetrics, catalog, fleetDirectory, historyStore,
                    historyMetrics);
                akka.AddOperatorActors(sp);
                if (config.LeaderboardConsole)
                    akka.WithActors((system, _) => system.ActorOf(LeaderboardConsole.PropsFor(catalog, console ?? Console.Out), "leaderboard-console"));
            });
            if (config.Has(NodeRole.Web)) builder.Services.AddHollerDashboard(config.WebAccess, config.AlertDelivery.Channels.Keys, config.Tracker.Dims);
            if (config.LiveSettings is { } live)
                builder.Services.AddHostedService(sp => new SettingsReload(live, sp.GetRequiredService<OperatorTokens>(),
                    sp.GetService<Holler.Web.Access.WebAccess>(), sp.GetRequiredService<ILogger<SettingsReload>>()));
            if (config.StatusInterval is { } every)
                builder.Services.AddHostedService(_ => new IngestStatusPrinter(metrics, Console.Error, every));
            if (config.StatusInterval is not null && config.KafkaBootstrap is not null)
                builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<KafkaReachabilityPrinter>(sp, Console.Error));
            if (config.GeneratorEnabled)
                builder.Services.AddHostedService(sp => new EmbeddedGenerator(config, catalog, bootstrap, sp.GetRequiredService<ILogger<EmbeddedGenerator>>()));

            var app = builder.Build();
            app.UseOperatorPortSeparation(endpoints);
            app.UseRouting();
            app.MapOperatorEndpoints();
            if (config.Has(NodeRole.Web)) app.MapHollerDashboard();
            await app.StartAsync(token);
            return new HollerNode(app, broker, config, bootstrap, metrics, endpoints);
        }
        catch
        {
            broker?.Dispose();
            throw;
        }
    }

    private static void Configure(AkkaConfigurationBuilder akka, NodeConfig config, string bootstrap, IngestMetrics metrics,
        TrackerMetrics trackerMetrics, AlertMetrics alertMetrics, DeliveryMetrics deliveryMetrics, BusinessCatalog catalog,
        FleetDirectory fleetDirectory, HistoryStore? historyStore, HistoryMetrics historyMetrics)
    {
        akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.LogLevel.InfoLevel;
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .AddHollerCluster(config.Hostname, config.Port, config.Roles.Select(r => r.ToString().ToLowerInvariant()), config.SeedNodes)
            .AddHollerSerialization()
            // SIGTERM and Ctrl-C belong to the command line, which stops the node in order (CommandLineLifetime). Akka's
            // own signal hook ran the shutdown behind its back: the command saw the node stop "on its own", returned 1,
            // and the command line's late signal handler then crashed on its disposed token (exit 134).
            .AddHocon("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend);

        if (config.Has(NodeRole.Tracker))
            akka.AddSqlPersistence(config.Persistence, config.JournalConnectionString, config.SnapshotConnectionString);

        // Before the trackers: their region looks the writer up when it starts.
        if (historyStore is not null && config.Has(NodeRole.Tracker))
            akka.AddHistoryWriter(historyStore, config.History!.Settings, historyMetrics, HistoryPlaces.From(catalog));

        akka.AddLeaderboard(config.Leaderboard, config.Has(NodeRole.Leaderboard))
            // Before the trackers: their region looks the alerts proxy up when it starts.
            .AddAlerts(config.Alerts, CatalogFacts.From(catalog), config.Has(NodeRole.Tracker),
                delivery: AlertOutbox.Supervised("alert-outbox", config.AlertDelivery, deliveryMetrics), metrics: alertMetrics)
            .AddShardTrackers(config.Tracker, config.Has(NodeRole.Tracker), config.Shards, config.PassivateAfter, metrics: trackerMetrics,
                historyResendMinutes: config.History?.Settings.ResendMinutes ?? 0);

        if (config.Has(NodeRole.Web)) akka.AddDashboardFeed().AddFleetView();

        if (config.Has(NodeRole.Ingest))
        {
            var ingest = new KafkaIngestSettings(bootstrap, config.Topic, config.GroupId, config.SessionTimeout,
                config.DeadLetterTopic, config.BatchMaxRecords, config.BatchDelay, config.AckTimeout)
                { Checkpoints = config.Checkpoints, GroupInstanceId = config.GroupInstanceId, MaxBatchLinger = config.BatchLinger };
            var fleet = new FleetRecorder(fleetDirectory);
            akka.AddIngest(ingest, config.ParseLimits, metrics, config.Shards, fleet: fleet)
                .AddIngestStatusPublisher()
                .AddFleetPublisher(fleet);
        }
    }

    /// <summary>Leaves the cluster gracefully (hand-off, final snapshots), then stops the broker if it owns one.</summary>
    public async Task StopAsync(CancellationToken token = default)
    {
        await _host.StopAsync(token);
    }

    public async ValueTask DisposeAsync()
    {
        try { await _host.StopAsync(); }
        catch (OperationCanceledException) { }
        await _host.DisposeAsync();
        _broker?.Dispose();
    }
}
