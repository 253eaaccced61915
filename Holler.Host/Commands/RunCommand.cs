using System.CommandLine;
using Holler.Host.Configuration;
using Holler.Host.Node;

namespace Holler.Host.Commands;

/// <summary><c>holler run</c>: one node. With no settings, the whole dev cluster in one process.</summary>
public static class RunCommand
{
    /// <summary>Flags and the setting each one sets; anything else via --set Key=Value, HOLLER_* or a config file.</summary>
    private static readonly (string Flag, string Key, string Help)[] Flags =
    [
        ("--roles", "Roles", "Comma-separated roles: ingest, tracker, leaderboard, web (default: all)"),
        ("--data", "DataDir", "Folder for SQLite files and the generator's ground truth (default: ./holler-data)"),
        ("--hostname", "Cluster:Hostname", "Address this node binds and advertises (default: 127.0.0.1)"),
        ("--port", "Cluster:Port", "Cluster port (default: 0, any free port)"),
        ("--seed-nodes", "Cluster:SeedNodes", "Comma-separated akka.tcp://holler@host:port; none forms a cluster of one"),
        ("--web-port", "Web:Port", "Dashboard port on nodes with the web role (default: 5080; 0 picks a free one)"),
        ("--operator-port", "Operator:Port", "Operator endpoint port: holler cluster …, health, metrics (default: 9110)"),
        ("--kafka", "Kafka:Bootstrap", "Kafka bootstrap servers host:port[,…]; none starts the embedded broker"),
        ("--topic", "Kafka:Topic", "Traffic topic (default: holler.traffic)"),
        ("--persistence", "Persistence:Provider", "sqlite (default) or postgres"),
        ("--generator", "Generator:Enabled", "true/false: run the built-in traffic generator (default: true with the embedded broker)"),
        ("--rate", "Generator:Rate", "Built-in generator's events per second (default: 4000)"),
        ("--businesses", "Catalog:Businesses", "Synthetic catalog size (default: 200000)"),
    ];

    public static Command Create()
    {
        var command = new Command("run", "Run a Holler node (default: single-node dev cluster with embedded Kafka, SQLite and the traffic generator)");
        var options = Flags.Select(f => (f.Key, Option: new Option<string?>(f.Flag) { Description = f.Help })).ToList();
        foreach (var (_, option) in options) command.Options.Add(option);
        var config = new Option<string?>("--config") { Description = "JSON settings file (same shape as appsettings.json)" };
        var set = new Option<string[]>("--set") { Description = "Any setting as Key=Value, e.g. Detector:EnterSeverity=9 (repeatable)", AllowMultipleArgumentsPerToken = false };
        command.Options.Add(config);
        command.Options.Add(set);

        command.SetAction(async (parse, token) =>
        {
            var flags = new List<KeyValuePair<string, string?>>();
            foreach (var (key, option) in options)
                if (parse.GetValue(option) is { } value) flags.Add(new(key, value));
            foreach (var pair in parse.GetValue(set) ?? [])
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0)
                {
                    await Console.Error.WriteLineAsync($"holler: --set '{pair}' is not Key=Value");
                    return ExitCodes.BadConfiguration;
                }
                flags.Add(new(pair[..eq].Trim(), pair[(eq + 1)..]));
            }
            var (node, errors) = SettingsLoader.Load(parse.GetValue(config), flags, watch: true);
            if (node is null) return CommandFailure.Fail(null, errors);
            return await RunAsync(node with { StatusInterval = node.Has(NodeRole.Ingest) ? TimeSpan.FromSeconds(10) : null }, token);
        });
        return command;
    }

    private static async Task<int> RunAsync(NodeConfig config, CancellationToken token)
    {
        if (config.Has(NodeRole.Tracker) && await PersistenceCheck.VerifyAsync(config, token) is { } problem)
            return CommandFailure.Fail(null, [problem]);
        if (PortCheck.FindTaken(config) is { } taken) return CommandFailure.Fail(null, [taken]);

        Console.Error.WriteLine("Starting Holler…");
        // Libraries report a failed start at length, Akka.Hosting even on standard output; held until the node is up.
        var (stdout, stderr) = (new StartupOutputGate(Console.Out), new StartupOutputGate(Console.Error));
        Console.SetOut(stdout);
        Console.SetError(stderr);
        HollerNode node;
        try
        {
            node = await HollerNode.StartAsync(config, token: token);
        }
        catch (OperationCanceledException)
        {
            stdout.Open();
            stderr.Open();
            throw;
        }
        catch (Exception e)
        {
            // A port taken between the check above and the bind: the same line as the check's, and nothing else.
            if (PortCheck.DescribeBindFailure(e, config) is { } bind)
            {
                stdout.Drop();
                stderr.Drop();
                await stderr.Target.WriteLineAsync($"holler: {bind}");
                return ExitCodes.BadConfiguration;
            }
            // Anything else (an unreadable catalog file, a broker that would not start): what was logged may explain it.
            stdout.Open();
            stderr.Open();
            await Console.Error.WriteLineAsync($"holler: could not start the node: {e.GetBaseException().Message}");
            return ExitCodes.Failed;
        }
        stdout.Open();
        stderr.Open();
        await using var _ = node;
        var self = Akka.Cluster.Cluster.Get(node.System).SelfAddress;
        Console.Error.WriteLine($"""
            Holler node up
              roles        {string.Join(", ", config.Roles.Select(r => r.ToString().ToLowerInvariant()))}
              cluster      {self}{(config.SeedNodes.Count == 0 ? " (its own seed)" : "")}
              kafka        {node.BootstrapServers}{(config.KafkaBootstrap is null ? " (embedded broker)" : "")}, topic {config.Topic}
              persistence  {config.Persistence switch { Holler.Persistence.PersistenceProvider.Sqlite => $"SQLite in {config.DataDir}", Holler.Persistence.PersistenceProvider.Postgres => "PostgreSQL", _ => "in memory (not durable)" }}
              catalog      {node.Catalog.Count:N0} businesses
              dashboard    {(node.Endpoints.DashboardUrl is { } url ? url + (config.WebAccess.SignInRequired ? $" (sign-in: {config.WebAccess.Users.Count} user(s){(config.WebAccess.Oidc is not null ? ", OpenID Connect" : "")})" : " (no sign-in: loopback only)") : "none (no web role)")}
              operator     {node.Endpoints.OperatorUrl} (health at /healthz/live){(config.OperatorTokens.Count > 0 ? $", {config.OperatorTokens.Count} token(s)" : "")}
              generator    {(config.GeneratorEnabled ? $"{config.Generator.Rate:N0} events/s{(config.Generator.DailyRhythm ? " on average (daily and weekly rhythm, US Central)" : "")}, surges injected every {config.Generator.SurgeEverySeconds:N0} s from {config.Generator.FirstSurgeAfterSeconds:N0} s (truth in {Path.Combine(config.DataDir, "truth.jsonl")})" : "off")}
            The leaderboard is printed when it changes. Ctrl-C stops the node.
            """);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(token, node.Stopping);
        try { await Task.Delay(Timeout.Infinite, either.Token); }
        catch (OperationCanceledException) { }
        if (!token.IsCancellationRequested)
        {
            // Not asked to stop: the node stopped itself (downed by the split-brain resolver, or left the cluster).
            Console.Error.WriteLine("holler: the node left the cluster on its own; stopping");
            return ExitCodes.Failed;
        }
        Console.Error.WriteLine("Stopping Holler (leaving the cluster, final snapshots)…");
        return ExitCodes.Ok;
    }
}
