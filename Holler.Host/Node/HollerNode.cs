using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Holler.Domain.Catalog;
using Holler.Host.Configuration;
using Holler.Ingest;
using Holler.Kafka;
using Holler.Leaderboard;
using Holler.Persistence;
using Holler.Serialization;
using Holler.Tracking;
using Holler.Host.Operator;
using Holler.Web;
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
    public IActorRef Trackers => Registry.Get<BusinessTracker>();

    /// <summary>Starts a node. <paramref name="configureLogging"/> replaces the default (warnings to the console).</summary>
    public static async Task<HollerNode> StartAsync(NodeConfig config, Action<ILoggingBuilder>? configureLogging = null,
        TextWriter? console = null, CancellationToken token = default)
    {
        var catalog = CatalogLoader.Load(config.Catalog);
        var broker = config.KafkaBootstrap is null ? EmbeddedKafka.Start() : null;
        try
        {
            var bootstrap = config.KafkaBootstrap ?? broker!.BootstrapServers;
            var metrics = new IngestMetrics();
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
            {
                // The static-asset manifest is named after the application; tests host the node in their own process.
                ApplicationName = typeof(HollerNode).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
                EnvironmentName = Environments.Production,
            });
            builder.WebHost.UseKestrelCore();
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
            builder.Services.AddSingleton(endpoints);
            builder.Services.AddAkka("holler", (akka, _) =>
            {
                Configure(akka, config, bootstrap, metrics);
                if (config.LeaderboardConsole)
                    akka.WithActors((system, _) => system.ActorOf(LeaderboardConsole.PropsFor(catalog, console ?? Console.Out), "leaderboard-console"));
            });
            if (config.Has(NodeRole.Web)) builder.Services.AddHollerDashboard();
            if (config.StatusInterval is { } every)
                builder.Services.AddHostedService(_ => new IngestStatusPrinter(metrics, Console.Error, every));
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

    private static void Configure(AkkaConfigurationBuilder akka, NodeConfig config, string bootstrap, IngestMetrics metrics)
    {
        akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.LogLevel.InfoLevel;
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .WithRemoting(config.Hostname, config.Port)
            .WithClustering(new ClusterOptions
            {
                Roles = config.Roles.Select(r => r.ToString().ToLowerInvariant()).ToArray(),
                SeedNodes = config.SeedNodes.ToArray(),
                SplitBrainResolver = new KeepMajorityOption(),
            })
            .AddHollerSerialization();

        if (config.Has(NodeRole.Tracker))
            akka.AddSqlPersistence(config.Persistence, config.JournalConnectionString, config.SnapshotConnectionString);

        akka.AddLeaderboard(config.Leaderboard, config.Has(NodeRole.Leaderboard))
            .AddBusinessTrackers(config.Tracker, config.Has(NodeRole.Tracker), config.Shards, config.PassivateAfter);

        if (config.Has(NodeRole.Ingest))
        {
            var ingest = new KafkaIngestSettings(bootstrap, config.Topic, config.GroupId, config.SessionTimeout,
                config.DeadLetterTopic, config.BatchMaxRecords, config.BatchDelay, config.AckTimeout);
            akka.AddIngest(ingest, config.ParseLimits, metrics);
        }

        if (config.SeedNodes.Count == 0)
        {
            // No seeds: this node is a cluster of its own (the dev cluster), so it joins itself.
            akka.AddStartup((system, _) => Cluster.Get(system).Join(Cluster.Get(system).SelfAddress));
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
